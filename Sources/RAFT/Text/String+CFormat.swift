#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// printf-style text from the C library's `vsnprintf`: for the conversions the package uses (`%d`, `%x`,
    /// `%f`, `%e`, `%E`, `%g` with flags, width and precision; no `%@`) the same bytes as Foundation's
    /// `String(format:)`, which formats numbers with the C library too, without pulling in full Foundation
    /// (whose ICU data was most of the `raft` executable). `Tests/RAFTTests/Perf/CFormatTests` compares the two
    /// on random doubles for every format the package uses.
    package init(cFormat format: String, _ arguments: CVarArg...) {
        self = String(cFormat: format, arguments: arguments)
    }

    package init(cFormat format: String, arguments: [CVarArg]) {
        var small = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                     UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        let capacity = MemoryLayout.size(ofValue: small)
        let needed: Int = withUnsafeMutableBytes(of: &small) { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            return Int(withVaList(arguments) { vsnprintf(p, capacity, format, $0) })
        }
        if needed < 0 { self = ""; return }
        if needed < capacity {
            self = withUnsafeBytes(of: &small) { raw in
                String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<needed]), as: UTF8.self)
            }
            return
        }
        // Longer than the inline buffer: format again into one of the exact size (a va_list is used once).
        var big = [CChar](repeating: 0, count: needed + 1)
        _ = big.withUnsafeMutableBufferPointer { b in withVaList(arguments) { vsnprintf(b.baseAddress!, needed + 1, format, $0) } }
        self = big.withUnsafeBufferPointer { b in
            String(decoding: UnsafeRawBufferPointer(start: b.baseAddress, count: needed), as: UTF8.self)
        }
    }
}
