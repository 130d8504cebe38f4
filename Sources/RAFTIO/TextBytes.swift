/// Text gathered as UTF-8 bytes, for the files with tens of thousands of numbers (spectra CSVs, summary.json).
///
/// A number goes from `ShortestDouble` straight into the buffer: the same characters as `x.write(to: &string)`
/// and `"\(x)"` (the shortest round-trip form; the two differ only for NaN, which these writers spell out
/// themselves), without String's per-append checks, which were half of the formatting time.
package struct TextBytes: TextOutputStream {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int) { bytes.reserveCapacity(capacity) }

    package mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { bytes.append(contentsOf: $0) }  // one copy (through `utf8` it went byte by byte)
    }

    /// Bytes already UTF-8 (a string's contiguous storage).
    package mutating func append(contentsOf buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    /// The digits of `Double.write(to:)` (and any other ASCII a standard-library type writes).
    package mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    /// One ASCII character, e.g. `UInt8(ascii: ",")`.
    package mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// `byte` `count` times (e.g. an indent).
    package mutating func append(_ byte: UInt8, count: Int) {
        if count > 0 { bytes.append(contentsOf: repeatElement(byte, count: count)) }
    }

    /// An integer in decimal, as `String(i)` writes it ("-" for a negative one), without a `String` in between.
    package mutating func appendDecimal(_ i: Int) {
        if i < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = i.magnitude
        var n = 1
        var p: UInt = 10
        while n < 20 && m >= p { n += 1; p = p &* 10 }  // digits of m (UInt.max has 20)
        let end = bytes.count + n
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n))
        bytes.withUnsafeMutableBufferPointer { b in
            var k = end
            repeat {
                k -= 1
                b[k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m % 10)
                m /= 10
            } while m > 0
        }
    }

    /// A finite number in its shortest round-trip form (as `"\(x)"`; `ShortestDouble`).
    package mutating func append(_ x: Double) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ShortestDouble.maxBytes) { buffer in
            let n = ShortestDouble.write(x, to: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<n]))
        }
    }

    /// The text (the bytes are UTF-8: ASCII numbers and the callers' strings).
    package var string: String { String(decoding: bytes, as: UTF8.self) }
}
