/// The blade elements' polars blended across airfoil thickness (RAFT's per-angle PCHIP over the unique
/// thicknesses in `Rotor.__init__`; spec 03 §3.1).
extension Rotor {
    /// cl and cd of every element: at each of the `angleCount` grid angles, the PCHIP through (thickness_k,
    /// polar_k value) evaluated at the element thickness. One `PchipGrid` serves every angle (the knots and the
    /// element thicknesses do not change with the angle); same bits as `elementPolarsReference`.
    /// - Parameters: thickness unique relative thicknesses ascending (≥ 2); polars their polars on the angle grid;
    ///   elementThickness each element's relative thickness.
    static func elementPolars(thickness: [Double], polars: [AirfoilPolar], angleCount naoa: Int,
                              at elementThickness: [Double]) -> [AirfoilPolar] {
        let nr = elementThickness.count
        var grid = PchipGrid(x: thickness, points: elementThickness)
        var cl = [Double](repeating: 0, count: nr * naoa), cd = cl  // element e, angle j at e·naoa + j
        for j in 0..<naoa {
            grid.evaluate({ polars[$0].cl[j] }, into: &cl, base: j, stride: naoa)
            grid.evaluate({ polars[$0].cd[j] }, into: &cd, base: j, stride: naoa)
        }
        return (0..<nr).map { e in
            AirfoilPolar(cl: Array(cl[(e * naoa)..<((e + 1) * naoa)]), cd: Array(cd[(e * naoa)..<((e + 1) * naoa)]), cm: [])
        }
    }

    /// The straightforward form kept as the reference of `elementPolars`: one `Pchip` per angle and coefficient.
    static func elementPolarsReference(thickness: [Double], polars: [AirfoilPolar], angleCount naoa: Int,
                                       at elementThickness: [Double]) -> [AirfoilPolar] {
        let nr = elementThickness.count
        var cl = [[Double]](repeating: [Double](repeating: 0, count: naoa), count: nr)
        var cd = cl
        for j in 0..<naoa {
            let pl = Pchip(x: thickness, y: polars.map { $0.cl[j] })
            let pd = Pchip(x: thickness, y: polars.map { $0.cd[j] })
            for e in 0..<nr { cl[e][j] = pl(elementThickness[e]); cd[e][j] = pd(elementThickness[e]) }
        }
        return (0..<nr).map { AirfoilPolar(cl: cl[$0], cd: cd[$0], cm: []) }
    }
}
