/// Where a value was written: file, YAML path, line and column. Typed inputs keep the locations that later
/// checks need, so the physics can report a located `InputError` without holding YAML.
package struct InputLocation: Sendable, Equatable {
    package var file: String
    package var path: YAMLPath
    package var line: Int?
    package var column: Int?

    /// An `InputError` at this location.
    package func error(_ message: String) -> InputError {
        InputError(file: file, path: path, line: line, column: column, message: message)
    }
}

extension YAMLNode {
    /// This node's location.
    package var location: InputLocation { InputLocation(file: file, path: path, line: line, column: column) }
}
