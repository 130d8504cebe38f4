extension StripHydrodynamics {
    /// `linearizeDrag` as it was before its loops worked on lanes of 4 frequencies (swift-raft main, 2026-12-05):
    /// the scalar reference whose bits the lane version keeps (DragLinearizationIdentityTests) and the baseline of
    /// raft-bench's "OC3 linearizeDrag" rows. Not used by the solver.
    package func linearizeDragReference(_ kin: WaveKinematics, response: ComplexSeries6?) -> DragLinearization {
        let nw = frequencyCount
        var out = DragLinearization(nodeCount: nodes.count, frequencyCount: nw)
        let c8 = (8 / Double.pi).squareRoot()
        for (j, n) in nodes.enumerated() {
            let rel = n.position - reference
            let base = 3 * j * nw
            var sq = 0.0, sp = 0.0, s1 = 0.0, s2 = 0.0
            for m in 0..<nw {
                var vr = Vec3(kin.uRe[base + m], kin.uRe[base + nw + m], kin.uRe[base + 2 * nw + m])
                var vi = Vec3(kin.uIm[base + m], kin.uIm[base + nw + m], kin.uIm[base + 2 * nw + m])
                if let x = response {
                    let w = omega[m]
                    let tr = Vec3(x[0, m].real, x[1, m].real, x[2, m].real), ti = Vec3(x[0, m].imaginary, x[1, m].imaginary, x[2, m].imaginary)
                    let rr = Vec3(x[3, m].real, x[4, m].real, x[5, m].real), ri = Vec3(x[3, m].imaginary, x[4, m].imaginary, x[5, m].imaginary)
                    let drr = tr + cross(rr, rel), dri = ti + cross(ri, rel)
                    vr -= -w * dri
                    vi -= w * drr
                }
                let qr = dot(vr, n.q), qi = dot(vi, n.q)
                let vqr = qr * n.q, vqi = qi * n.q
                sq += (vqr * vqr).sum() + (vqi * vqi).sum()
                let vpr = vr - vqr, vpi = vi - vqi
                sp += (vpr * vpr).sum() + (vpi * vpi).sum()
                if n.rectangular {
                    let a = dot(vr, n.p1), b = dot(vi, n.p1)
                    let v1r = a * n.p1, v1i = b * n.p1
                    s1 += (v1r * v1r).sum() + (v1i * v1i).sum()
                    let c = dot(vr, n.p2), e = dot(vi, n.p2)
                    let v2r = c * n.p2, v2i = e * n.p2
                    s2 += (v2r * v2r).sum() + (v2i * v2i).sum()
                }
            }
            let rq = (0.5 * sq).squareRoot()
            let r1 = n.rectangular ? (0.5 * s1).squareRoot() : (0.5 * sp).squareRoot()
            let r2 = n.rectangular ? (0.5 * s2).squareRoot() : r1
            let bq = c8 * rq * 0.5 * rho * n.areaAxial * n.cdAxial
            let b1 = c8 * r1 * 0.5 * rho * n.area1 * n.cd1
            let b2 = c8 * r2 * 0.5 * rho * n.area2 * n.cd2
            let bE = c8 * rq * 0.5 * rho * n.areaEnd * n.cdEnd
            let B = (bq * Matrix3.outer(n.q, n.q) + b1 * Matrix3.outer(n.p1, n.p1) + b2 * Matrix3.outer(n.p2, n.p2))
                + bE * Matrix3.outer(n.q, n.q)
            out.nodeDamping[j] = B
            addTranslated3(B, rel, into: &out.damping)
            for m in 0..<nw {
                let ur = Vec3(kin.uRe[base + m], kin.uRe[base + nw + m], kin.uRe[base + 2 * nw + m])
                let ui = Vec3(kin.uIm[base + m], kin.uIm[base + nw + m], kin.uIm[base + 2 * nw + m])
                out.excitation.add(B * ur, B * ui, at: m, offset: rel)
            }
        }
        return out
    }
}
