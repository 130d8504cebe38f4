#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK
import Numerics

/// The part of the Green function the panel method evaluates at panel centroids (one-point rule): everything
/// but the Rankine source 1/r and its free-surface image 1/r₁, which are integrated exactly over each panel.
/// The influence assembly (`BEMHalfSystem.assemble`, `BEMSolver.assemble`) is generic over it, so that the
/// deep-water and finite-depth Green functions (and the image series of the limits) share one assembly.
protocol BEMWaveKernel: Sendable {
    /// A per-point factor computed once per panel and handed back to `terms` (deep water: e^{νz}).
    func pointFactor(z: Double) -> Double
    /// Value, ∂/∂R and ∂/∂ζ (source height) at horizontal distance `rh`, field height `zField`, source height
    /// `zSource`, with the two points' `pointFactor`s.
    func terms(rh: Double, zField: Double, zSource: Double, pf: Double, ps: Double) -> WaveTerms
    /// True when ∂/∂ζ is the same with field and source heights swapped (G depends on z + ζ only).
    var dependsOnHeightSumOnly: Bool { get }
}

/// Deep-water wave part 2νF − 2πiν e^{ν(z+ζ)} J₀(νR) as the half-mesh assembly evaluates it (tabulated J₀/J₁,
/// e^{−V} as the product of the points' e^{νz}).
struct DeepWaterHalfKernel: BEMWaveKernel {
    let nu: Double
    let gf = DeepWaterGreenFunction.shared
    var dependsOnHeightSumOnly: Bool { true }

    @inline(__always) func pointFactor(z: Double) -> Double { exp(nu * z) }

    @inline(__always)
    func terms(rh: Double, zField: Double, zSource: Double, pf: Double, ps: Double) -> WaveTerms {
        let twoPi = 2 * Double.pi, nu2 = nu * nu
        let X = nu * rh, V = -nu * (zField + zSource)
        let e = pf * ps
        let g = gf.evaluate(x: X, v: V, expMinusV: e)
        let (j0v, j1v) = gf.bessel(X)
        return WaveTerms(g: ComplexDouble(2 * nu * g.f, -twoPi * nu * e * j0v),
                         dR: ComplexDouble(2 * nu2 * g.fx, twoPi * nu2 * e * j1v),
                         dZeta: ComplexDouble(-2 * nu2 * g.fv, -twoPi * nu2 * e * j0v))
    }
}

/// Deep-water wave part as the full-mesh assembly evaluates it (libm J₀/J₁ and e^{−V}).
struct DeepWaterFullKernel: BEMWaveKernel {
    let nu: Double
    let gf = DeepWaterGreenFunction.shared
    var dependsOnHeightSumOnly: Bool { true }

    @inline(__always) func pointFactor(z: Double) -> Double { 0 }

    @inline(__always)
    func terms(rh: Double, zField: Double, zSource: Double, pf: Double, ps: Double) -> WaveTerms {
        let twoPi = 2 * Double.pi
        let X = nu * rh, V = -nu * (zField + zSource)
        let g = gf.evaluate(x: X, v: V)
        let e = exp(-V), j0v = j0(X), j1v = j1(X)
        return WaveTerms(g: ComplexDouble(2 * nu * g.f, -twoPi * nu * e * j0v),
                         dR: ComplexDouble(2 * nu * nu * g.fx, twoPi * nu * nu * e * j1v),
                         dZeta: ComplexDouble(-2 * nu * nu * g.fv, -twoPi * nu * nu * e * j0v))
    }
}

/// Finite-depth Green function minus 1/r + 1/r₁ (`FiniteDepthGreenFunction`).
struct FiniteDepthKernel: BEMWaveKernel {
    let green: FiniteDepthGreenFunction
    var dependsOnHeightSumOnly: Bool { false }
    @inline(__always) func pointFactor(z: Double) -> Double { 0 }
    @inline(__always)
    func terms(rh: Double, zField: Double, zSource: Double, pf: Double, ps: Double) -> WaveTerms {
        green.wavePart(r: rh, z: zField, zeta: zSource)
    }
}

/// Bottom images of the infinite-frequency limit in finite depth (`FiniteDepthInfiniteFrequencyImages`).
struct InfiniteFrequencyImageKernel: BEMWaveKernel {
    let images: FiniteDepthInfiniteFrequencyImages
    var dependsOnHeightSumOnly: Bool { false }
    @inline(__always) func pointFactor(z: Double) -> Double { 0 }
    @inline(__always)
    func terms(rh: Double, zField: Double, zSource: Double, pf: Double, ps: Double) -> WaveTerms {
        images.wavePart(r: rh, z: zField, zeta: zSource)
    }
}
