/// A value of the input YAML as written (a case table cell, a parameter): plain scalars that read as numbers are
/// numbers, booleans stay booleans, everything else is text.
package indirect enum InputValue: Sendable {
    case null
    case number(Double)
    case bool(Bool)
    case string(String)
    case list([InputValue])
    case map([(String, InputValue)])
}
