#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Reader for MoorDyn-style mooring input files as MoorPy 1.3.0 `System.load` reads them (spec 04 §1.2).
///
/// Sections start at a line containing `---` and a keyword; the header and two more lines (column names,
/// units) are skipped and rows are read up to the next `---` line, which is then tested against the
/// *following* section keywords only (order LINE TYPES, ROD TYPES, BODIES, RODS, POINTS, LINES, OPTIONS —
/// a section out of this order right after another one is skipped, spec 04 pitfall 13).
package enum MoorDynFile {
    /// Read a file. `depth` is the water depth known when the file is read (used for `seabed` z values).
    package static func load(path: String, depth: Double, diagnostics: inout Diagnostics) throws(InputError) -> MooringLayout {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, path: .root, message: "cannot read the MoorDyn-style mooring file")
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw InputError(file: name, path: .root, message: "the mooring file is not text")
        }
        return try parse(text, file: name, depth: depth, diagnostics: &diagnostics)
    }

    /// Parse file contents (`file` is used in messages).
    package static func parse(_ text: String, file: String, depth: Double, diagnostics: inout Diagnostics) throws(InputError) -> MooringLayout {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        var reader = Reader(lines: lines, file: file)
        var layout = MooringLayout()
        while let first = reader.nextLine() {
            var line = first
            if isHeader(line, ["LINE DICTIONARY", "LINE TYPES"]) {
                line = try reader.skipHeader()
                while !line.contains("---") {
                    try lineTypeRow(reader.split(line), &reader, &layout, &diagnostics)
                    line = try reader.next()
                }
            }
            if isHeader(line, ["ROD DICTIONARY", "ROD TYPES"]) {
                line = try reader.skipHeader()
                while !line.contains("---") { line = try reader.next() }  // rod types: unused by RAFT
            }
            if isHeader(line, ["BODIES", "BODY LIST", "BODY PROPERTIES"]) {
                line = try reader.skipHeader()
                while !line.contains("---") {
                    try bodyRow(reader.split(line), &reader, &layout)
                    line = try reader.next()
                }
            }
            if isHeader(line, ["RODS", "ROD LIST", "ROD PROPERTIES"]) {
                line = try reader.skipHeader()
                while !line.contains("---") {
                    if !reader.split(line).isEmpty {
                        throw reader.error("RODS", "rods are not supported (RAFT designs do not use them)")
                    }
                    line = try reader.next()
                }
            }
            if isHeader(line, ["POINTS", "POINT LIST", "POINT PROPERTIES", "CONNECTION PROPERTIES", "NODE PROPERTIES"]) {
                line = try reader.skipHeader()
                while !line.contains("---") {
                    try pointRow(reader.split(line), &reader, &layout, depth: depth)
                    line = try reader.next()
                }
            }
            if isHeader(line, ["LINES", "LINE LIST", "LINE PROPERTIES"]) {
                line = try reader.skipHeader()
                while !line.contains("---") {
                    try lineRow(reader.split(line), &reader, &layout)
                    line = try reader.next()
                }
            }
            if line.contains("---") && line.lowercased().contains("options") {
                line = try reader.next()  // only the header line is skipped here
                while !line.contains("---") {
                    let e = reader.split(line)
                    guard e.count >= 2 else { throw reader.error("OPTIONS", "expected 'value name' in an options row") }
                    let value = e[0].lowercased(), key = e[1].lowercased()
                    switch key {
                    case "g", "gravity":
                        guard let v = Double(value), v.isFinite, v > 0 else { throw reader.error("OPTIONS", "expected a gravity in m/s^2 > 0 for \(e[1]), got '\(e[0])'") }
                        layout.optionG = v
                    case "wtrdepth", "depth", "wtrdpth":
                        if let v = Double(value) {
                            guard v.isFinite, v > 0 else { throw reader.error("OPTIONS", "expected a water depth in m > 0 for \(e[1]), got '\(e[0])'") }
                            layout.optionDepth = v
                        } else {
                            layout.optionDepth = 0
                            diagnostics.warnings.append(.init(file: file, path: reader.path("OPTIONS"),
                                                              message: "non-numeric water depth '\(e[0])': MoorPy uses 0"))
                        }
                    case "rho", "wtrdnsty":
                        guard let v = Double(value), v.isFinite, v > 0 else { throw reader.error("OPTIONS", "expected a water density in kg/m^3 > 0 for \(e[1]), got '\(e[0])'") }
                        layout.optionRho = v
                    default: break
                    }
                    line = try reader.next()
                }
            }
        }
        return layout
    }

    static func isHeader(_ line: String, _ keywords: [String]) -> Bool {
        guard line.contains("---") else { return false }
        let u = line.uppercased()
        return keywords.contains { u.contains($0) }
    }

    struct Reader {
        let lines: [String]
        let file: String
        /// Index of the next line to read.
        var index = 0
        var row = 0

        mutating func nextLine() -> String? {
            guard index < lines.count else { return nil }
            defer { index += 1 }
            return lines[index]
        }
        /// Python `next(f)`: running out of lines inside a section is an error.
        mutating func next() throws(InputError) -> String {
            guard let l = nextLine() else {
                throw InputError(file: file, path: .root, line: lines.count,
                                 message: "unexpected end of file inside a section; expected a closing '---' line")
            }
            return l
        }
        /// Skip the column-name and unit lines after a section header; returns the first row.
        mutating func skipHeader() throws(InputError) -> String {
            row = 0
            _ = try next(); _ = try next()
            return try next()
        }
        func split(_ line: String) -> [String] { line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
        func path(_ section: String) -> YAMLPath { YAMLPath([.key(section), .index(row)]) }
        /// An error at the current row (line numbers are 1-based).
        func error(_ section: String, _ message: String) -> InputError {
            InputError(file: file, path: path(section), line: index, message: message)
        }
    }

    static func number(_ s: String, _ what: String, _ section: String, _ reader: Reader) throws(InputError) -> Double {
        guard let v = Double(s), v.isFinite else { throw reader.error(section, "expected \(what) (a finite number), got '\(s)'") }
        return v
    }

    static func lineTypeRow(_ e: [String], _ reader: inout Reader, _ layout: inout MooringLayout,
                            _ diagnostics: inout Diagnostics) throws(InputError) {
        defer { reader.row += 1 }
        let s = "LINE TYPES"
        guard e.count >= 4 else { throw reader.error(s, "expected at least 4 columns (Name Diam Mass/m EA), got \(e.count)") }
        if e[3].contains(".txt") {
            throw reader.error(s, "nonlinear tension-strain tables ('\(e[3])') are not supported")
        }
        var type = LineType(name: e[0], diameter: try number(e[1], "a diameter in m", s, reader),
                            massDensity: try number(e[2], "a mass per length in kg/m", s, reader), stiffness: 1e9)
        if let ea = Double(e[3].split(separator: "|", omittingEmptySubsequences: false).first.map(String.init) ?? "") {
            guard ea.isFinite, ea > 0 else { throw reader.error(s, "expected an axial stiffness EA in N > 0, got '\(e[3])'") }
            type.stiffness = ea
        } else {
            diagnostics.warnings.append(.init(file: reader.file, path: reader.path(s),
                                              message: "EA entry '\(e[3])' not recognised: MoorPy uses 1e9 N"))
        }
        guard type.diameter > 0 else { throw reader.error(s, "expected a diameter in m > 0, got \(type.diameter)") }
        guard type.massDensity >= 0 else { throw reader.error(s, "expected a mass per length in kg/m ≥ 0, got \(type.massDensity)") }
        if e.count >= 10 {
            type.transverseDrag = try number(e[6], "Cd", s, reader)
            type.transverseAddedMass = try number(e[7], "Ca", s, reader)
            type.tangentialDrag = try number(e[8], "CdAx", s, reader)
            type.tangentialAddedMass = try number(e[9], "CaAx", s, reader)
        }
        if let i = layout.lineTypes.firstIndex(where: { $0.name == type.name }) {
            // MoorPy updates the existing dictionary: hydrodynamic coefficients only when given.
            var old = layout.lineTypes[i]
            old.diameter = type.diameter; old.massDensity = type.massDensity; old.stiffness = type.stiffness
            if e.count >= 10 {
                old.transverseDrag = type.transverseDrag; old.transverseAddedMass = type.transverseAddedMass
                old.tangentialDrag = type.tangentialDrag; old.tangentialAddedMass = type.tangentialAddedMass
            }
            layout.lineTypes[i] = old
        } else {
            layout.lineTypes.append(type)
        }
    }

    static func bodyRow(_ e: [String], _ reader: inout Reader, _ layout: inout MooringLayout) throws(InputError) {
        defer { reader.row += 1 }
        let s = "BODIES"
        guard e.count >= 14 else { throw reader.error(s, "expected 14 columns (ID Attachment X0 Y0 Z0 r0 p0 y0 Mass CG I Volume CdA Ca), got \(e.count)") }
        guard let num = Int(e[0]) else { throw reader.error(s, "expected an integer body ID, got '\(e[0])'") }
        let a = e[1].lowercased()
        let kind: DOFKind
        if a.contains("fair") || a.contains("coupled") || a.contains("ves") { kind = .coupled }
        else if a.contains("fix") || a.contains("anchor") { kind = .fixed }
        else { kind = .free }
        var r6: [Double] = []
        for k in 2..<8 { r6.append(try number(e[k], "a body position/orientation", s, reader)) }
        for k in 3..<6 { r6[k] *= Double.pi / 180 }
        layout.bodies.append(MooringBodyInput(number: num, kind: kind, r6: r6, mass: try number(e[8], "a mass", s, reader),
                                              volume: try number(e[11], "a volume", s, reader)))
    }

    static func digits(_ s: String) -> Int? { Int(String(s.filter { $0.isNumber })) }

    static func pointRow(_ e: [String], _ reader: inout Reader, _ layout: inout MooringLayout, depth: Double) throws(InputError) {
        defer { reader.row += 1 }
        let s = "POINTS"
        guard e.count >= 9 else { throw reader.error(s, "expected 9 columns (ID Attachment X Y Z Mass Volume CdA Ca), got \(e.count)") }
        guard let num = Int(String(e[0].filter { !$0.isLetter })) else { throw reader.error(s, "expected a point ID, got '\(e[0])'") }
        guard num == layout.points.count + 1 else {
            throw reader.error(s, "points must be numbered 1, 2, 3, ... in file order (MoorPy attaches lines by position); got ID \(num)")
        }
        let a = e[1].lowercased()
        let attachment: PointAttachment
        if a.contains("anch") || a.contains("fix") { attachment = .fixed }
        else if a.contains("body") || a.contains("turbine") {
            guard let n = digits(a), n >= 1 else { throw reader.error(s, "expected a body number in '\(e[1])' (e.g. Body1, Turbine2)") }
            attachment = .body(n)
        } else if a.contains("fair") || a.contains("ves") || a.contains("couple") { attachment = .coupled }
        else if a.contains("con") || a.contains("free") { attachment = .free }
        else { throw reader.error(s, "point type '\(e[1])' not recognised; expected Fixed/Anchor, BodyN/TurbineN, Vessel/Fairlead/Coupled or Free/Connect") }
        let z = e[4].contains("seabed") ? -depth : try number(e[4], "a z coordinate in m (or 'seabed')", s, reader)
        let r = Vec3(try number(e[2], "an x coordinate in m", s, reader), try number(e[3], "a y coordinate in m", s, reader), z)
        layout.points.append(MooringPointInput(number: num, name: e[0], attachment: attachment, location: r,
                                               mass: try number(e[5], "a mass in kg", s, reader),
                                               volume: try number(e[6], "a volume in m^3", s, reader)))
        _ = try number(e[7], "CdA", s, reader); _ = try number(e[8], "Ca", s, reader)
    }

    static func lineRow(_ e: [String], _ reader: inout Reader, _ layout: inout MooringLayout) throws(InputError) {
        defer { reader.row += 1 }
        let s = "LINES"
        guard e.count >= 6 else { throw reader.error(s, "expected at least 6 columns (ID LineType AttachA AttachB UnstrLen NumSegs), got \(e.count)") }
        guard let num = Int(e[0]) else { throw reader.error(s, "expected an integer line ID, got '\(e[0])'") }
        guard num == layout.lines.count + 1 else {
            throw reader.error(s, "lines must be numbered 1, 2, 3, ... in file order (MoorPy indexes them by number); got ID \(num)")
        }
        guard let t = layout.lineTypes.firstIndex(where: { $0.name == e[1] }) else {
            throw reader.error(s, "unknown line type '\(e[1])'; known: \(layout.lineTypes.map { $0.name }.joined(separator: ", "))")
        }
        var ends: [Int] = []
        for (k, label) in [(2, "AttachA"), (3, "AttachB")] {
            if e[k].first == "r" || e[k].first == "R" { throw reader.error(s, "\(label) '\(e[k])': rod attachments are not supported") }
            guard let n = Int(e[k]), n >= 1, n <= layout.points.count else {
                throw reader.error(s, "\(label) '\(e[k])' is not a point number 1...\(layout.points.count)")
            }
            ends.append(n - 1)
        }
        let length = try number(e[4], "an unstretched length in m", s, reader)
        guard length > 0 else { throw reader.error(s, "expected an unstretched length in m > 0, got \(length)") }
        guard ends[0] != ends[1] else { throw reader.error(s, "line \(num) starts and ends at the same point \(ends[0] + 1)") }
        guard let segs = Int(e[5]) else { throw reader.error(s, "expected an integer NumSegs, got '\(e[5])'") }
        guard (1...MooringLineInput.maxSegments).contains(segs) else {
            throw reader.error(s, "expected NumSegs in [1, \(MooringLineInput.maxSegments)], got \(segs)")
        }
        layout.lines.append(MooringLineInput(number: num, typeIndex: t, endA: ends[0], endB: ends[1], length: length, segments: segs))
    }
}
