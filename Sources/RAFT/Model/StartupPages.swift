#if canImport(Glibc)
import Glibc
#endif

/// The executable's writable data pages made present and writable in one step at start-up, before any thread exists
/// (Linux, fixed-address executables; a no-op elsewhere). Called by `raft` first thing for the subcommands that solve.
///
/// Why: the Swift runtime and the compiled code write into the executable's `.data` (type metadata completed in place,
/// witness-table caches) and `.bss` (`swift_once` tokens, metadata and conformance caches) on first use, all through
/// the design read and the model build. Each such page is first mapped read-only (the zero page for `.bss`, the file's
/// page for `.data`), and the first write then replaces it (copy-on-write). While OpenBLAS loads on the other core
/// (`BLAS`), every such replacement has to flush the other core's TLB: an inter-processor interrupt, slow in a VM
/// (perf: `smp_call_function_many_cond` and `native_write_msr` under `do_wp_page`, ~30 such faults on the main thread
/// during the load). `MADV_POPULATE_WRITE` maps all those pages writable at once while the process has one thread, so
/// no later write faults. `.rodata`, which the linker puts in the same writable segment, is left alone (2 MB to copy;
/// populating the whole segment made the process ~2 ms slower, session 10). Fresh `raft run` of OC3spar at real-time
/// priority, perf tracepoints, 25 processes each, exec to the last thread's exit (medians): 9.85 -> 9.32 ms and
/// 10.24 -> 9.66 ms in two batches (the populate itself takes ~0.3 ms; either section alone gained less).
/// Memory: ~0.5 MB more resident (the untouched pages of `.bss`). No number changes.
package enum StartupPages {
    /// `madvise` advice `MADV_POPULATE_WRITE` (Linux 5.14; older kernels refuse it and nothing happens).
    static let populateWrite: Int32 = 23
    static let pageSize: UInt = 4096

    /// Link addresses of the `.data` and `.bss` sections of the ELF file at `path` (section headers), and whether it
    /// is a fixed-address executable (`ET_EXEC`: the link addresses are the run-time ones). Nil if it cannot be read.
    package static func sections(ofFile path: String) -> (data: Range<UInt>, bss: Range<UInt>, fixedAddress: Bool)? {
        #if canImport(Glibc)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var header = Elf64_Ehdr()
        let headerSize = MemoryLayout<Elf64_Ehdr>.size, entrySize = MemoryLayout<Elf64_Shdr>.size
        guard pread(fd, &header, headerSize, 0) == headerSize,
              header.e_ident.0 == 0x7F, header.e_ident.1 == 0x45, header.e_ident.4 == 2 /* ELFCLASS64 */,
              Int(header.e_shentsize) == entrySize, header.e_shnum > 0, header.e_shstrndx < header.e_shnum
        else { return nil }
        var table = [Elf64_Shdr](repeating: Elf64_Shdr(), count: Int(header.e_shnum))
        let tableSize = table.count * entrySize
        guard table.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, tableSize, off_t(header.e_shoff)) }) == tableSize
        else { return nil }
        let names = table[Int(header.e_shstrndx)]
        var text = [UInt8](repeating: 0, count: Int(names.sh_size))
        guard text.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, $0.count, off_t(names.sh_offset)) }) == text.count
        else { return nil }
        func name(_ s: Elf64_Shdr) -> ArraySlice<UInt8> {
            let start = Int(s.sh_name)
            guard start < text.count else { return [] }
            return text[start...].prefix { $0 != 0 }
        }
        var data: Range<UInt>?, bss: Range<UInt>?
        for s in table {
            let range = UInt(s.sh_addr)..<UInt(s.sh_addr + s.sh_size)
            if name(s).elementsEqual(".data".utf8) { data = range }
            if name(s).elementsEqual(".bss".utf8) { bss = range }
        }
        guard let data, let bss else { return nil }
        return (data, bss, header.e_type == 2 /* ET_EXEC */)
        #else
        return nil
        #endif
    }

    /// Populates the pages of `.data` (but its last, partly `.rodata`) and all of `.bss` of the running executable.
    /// Only for a fixed-address executable; call while the process has a single thread.
    package static func populate() {
        #if os(Linux)
        guard let s = sections(ofFile: "/proc/self/exe"), s.fixedAddress else { return }
        // `.data`'s first page on its own (it may share it with the end of `.got.plt`; were that page read-only, the
        // call would fail alone), then its whole pages; its last page, shared with `.rodata`, is left alone.
        populate(from: s.data.lowerBound & ~(pageSize - 1), to: roundUp(s.data.lowerBound))
        populate(from: roundUp(s.data.lowerBound), to: s.data.upperBound & ~(pageSize - 1))
        populate(from: s.bss.lowerBound & ~(pageSize - 1), to: roundUp(s.bss.upperBound))
        #endif
    }

    private static func roundUp(_ a: UInt) -> UInt { (a + pageSize - 1) & ~(pageSize - 1) }

    private static func populate(from start: UInt, to end: UInt) {
        #if os(Linux)
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(p, Int(end - start), populateWrite)
        #endif
    }
}
