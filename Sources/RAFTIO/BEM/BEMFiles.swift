#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// The files `raft bem` writes for one platform: WAMIT `.1`, `.3`, `.hst` as pyHAMS writes `Buoy.*` (ULEN = 1),
/// and the panel mesh as HAMS `.pnl` and WAMIT `.gdf`. `potModMaster: 3, potFirstOrder: 1, hydroPath: DIR/NAME`
/// reads them back.
package enum BEMFiles {
    /// Writes `DIR/NAME.1`, `.3`, `.hst`, `.pnl`, `.gdf` (each atomically; the folder is created).
    /// - Parameters:
    ///   - coefficients: the solver's result; mesh: its panels.
    ///   - hydrostaticStiffness: RAFT's `C_hydro` [N/m, N, N·m/rad], written divided by ρ·g with HAMS's g, as pyHAMS
    ///     writes its `Hydrostatic.in` back (spec 05 §5; RAFT never reads it).
    ///   - rho: water density [kg/m³]; gravity: the solver's g [m/s²].
    ///   - meshHydrostatics: write the `.hst` integrated over the mesh instead (`MeshHydrostatics`, WAMIT's
    ///     convention without the body's weight); `hydrostaticStiffness` is then not used.
    /// - Returns: the paths written.
    @discardableResult
    package static func write(_ coefficients: BEMCoefficients, mesh: PanelMesh, hydrostaticStiffness: Matrix6, rho: Double,
                             gravity: Double, to directory: String, name: String, meshHydrostatics: Bool = false) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let prefix = (directory).pathAppending(name)
        let files: [(String, String)] = [
            (".1", WAMITWriter.radiation(coefficients)),
            (".3", WAMITWriter.excitation(coefficients)),
            (".hst", WAMITWriter.hydrostatics(meshHydrostatics ? MeshHydrostatics(panels: mesh.geometry).stiffnessOverRhoG
                                                               : hydrostaticStiffness.storage.map { $0 / (rho * gravity) })),
            (".pnl", MeshFiles.pnl(mesh)),
            (".gdf", MeshFiles.gdf(mesh, gravity: gravity)),
        ]
        var written: [String] = []
        for (ext, text) in files {
            try AtomicFile.write(text, to: prefix + ext)
            written.append(prefix + ext)
        }
        return written
    }
}
