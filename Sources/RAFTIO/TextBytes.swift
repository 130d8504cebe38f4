/// Text gathered as UTF-8 bytes, for the files with tens of thousands of numbers (spectra CSVs, summary.json).
///
/// `Double.write(to:)` hands its digits to the stream's `_writeASCII`, so here a number goes from the standard
/// library's formatter straight into the buffer: the same characters as `x.write(to: &string)` and `"\(x)"` (the
/// shortest round-trip form; the two differ only for NaN, which these writers spell out themselves), without
/// String's per-append checks, which were half of the formatting time.
package struct TextBytes: TextOutputStream {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int) { bytes.reserveCapacity(capacity) }

    package mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

    /// The digits of `Double.write(to:)` (and any other ASCII a standard-library type writes).
    package mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    /// One ASCII character, e.g. `UInt8(ascii: ",")`.
    package mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// A finite number in its shortest round-trip form (as `"\(x)"`).
    package mutating func append(_ x: Double) { x.write(to: &self) }

    /// The text (the bytes are UTF-8: ASCII numbers and the callers' strings).
    package var string: String { String(decoding: bytes, as: UTF8.self) }
}
