@testable import RAFT

// The FITPACK fit (`SmoothingSpline.Workspace`) exactly as it was before its Givens reduction was unrolled and
// paired (perfrun, issue 17), kept as the reference that `SmoothingSplineFitIdentityTests` compares the current
// fit with, bit for bit. Do not change it: it is the definition of "the same fit".
extension SmoothingSpline {
    final class LegacyWorkspace {
        let m: Int
        let nest: Int
        let x: UnsafeMutablePointer<Double>      // 1-based, m + 1
        let z: UnsafeMutablePointer<Double>      // 1-based, m + 1
        let t: UnsafeMutablePointer<Double>      // knots, 1-based, nest + 2
        var n = 8
        let c: UnsafeMutablePointer<Double>      // coefficients, 1-based, nest + 2
        let fpint: UnsafeMutablePointer<Double>  // nest + 2
        let nrdata: UnsafeMutablePointer<Int>    // nest + 2
        var nrint = 1
        /// Incremented whenever the knots change; `b` (fpdisc) is recomputed only for a new knot set
        /// (it depends on the knots alone, so reusing it across smoothing parameters is bit-identical).
        var knotVersion = 0
        var discontinuityVersion = -1
        // observation rows (per data point): interval number and B-spline values
        let num: UnsafeMutablePointer<Int>       // m + 1
        let spx: UnsafeMutablePointer<Double>    // 4 per point, 0-based flat: spx[4*(i-1) + j-1]
        // band matrix and rhs
        let a: UnsafeMutablePointer<Double>      // (n-4) x 5, 1-based rows, flat: a[5*(r-1) + j-1]
        let q: UnsafeMutablePointer<Double>
        let b: UnsafeMutablePointer<Double>      // discontinuity rows, 5 per row
        let h: UnsafeMutablePointer<Double>      // scratch row (fpgrre h, fpdisc h), 10

        private static func buffer<T: Numeric>(_ count: Int) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: count)
            p.initialize(repeating: 0, count: count)
            return p
        }

        init(x xs: [Double], z zs: [Double]) {
            m = xs.count
            nest = m + 3 + 1
            x = Self.buffer(m + 1)
            z = Self.buffer(m + 1)
            for i in 0..<m { x[i + 1] = xs[i]; z[i + 1] = zs[i] }
            t = Self.buffer(nest + 2)
            c = Self.buffer(nest + 2)
            fpint = Self.buffer(nest + 2)
            nrdata = Self.buffer(nest + 2)
            num = Self.buffer(m + 1)
            spx = Self.buffer(4 * m)
            a = Self.buffer(5 * (nest + 1))
            q = Self.buffer(nest + 2)
            b = Self.buffer(5 * (nest + 1))
            h = Self.buffer(10)
        }

        deinit {
            x.deallocate(); z.deallocate(); t.deallocate(); c.deallocate(); fpint.deallocate()
            nrdata.deallocate(); num.deallocate(); spx.deallocate(); a.deallocate(); q.deallocate()
            b.deallocate(); h.deallocate()
        }

        struct Result { var t: [Double]; var c: [Double]; var fp: Double; var ier: Int }

        func result(fp: Double, ier: Int) -> Result {
            Result(t: Array(UnsafeBufferPointer(start: t + 1, count: n)),
                   c: Array(UnsafeBufferPointer(start: c + 1, count: n - 4)), fp: fp, ier: ier)
        }

        func setBoundaryKnots() {
            knotVersion += 1
            for j in 1...4 { t[j] = x[1]; t[n - j + 1] = x[m] }
        }

        /// Observation matrix: interval numbers and cubic B-spline values at every data point.
        func observations() {
            var l = 4
            var number = 0
            let nk1 = n - 4
            let tp = UnsafeBufferPointer(start: t + 1, count: nest + 1)
            for it in 1...m {
                let arg = x[it]
                while !(arg < t[l + 1] || l == nk1) { l += 1; number += 1 }
                var hv = (0.0, 0.0, 0.0, 0.0)
                SmoothingSpline.bsplineCubic(tp, arg, l, &hv)
                let row = spx + 4 * (it - 1)
                row[0] = hv.0; row[1] = hv.1; row[2] = hv.2; row[3] = hv.3
                num[it] = number
            }
        }

        /// FITPACK `fpdisc`: discontinuity jumps of the third derivative at the interior knots.
        func discontinuities() {
            let nk1 = n - 4
            let nrintD = nk1 - 3
            let fac = Double(nrintD) / (t[nk1 + 1] - t[4])
            for l in 5...nk1 {
                let lmk = l - 4
                for j in 1...4 {
                    h[j] = t[l] - t[l + j - 5]
                    h[j + 4] = t[l] - t[l + j]
                }
                var lp = lmk
                for j in 1...5 {
                    var prod = h[j]
                    var jk = j
                    for _ in 1...3 { jk += 1; prod = prod * h[jk] * fac }
                    b[5 * (lmk - 1) + j - 1] = (t[lp + 4] - t[lp]) / prod
                    lp += 1
                }
            }
        }

        @inline(__always) static func givens(_ piv: Double, _ ww: inout Double) -> (Double, Double) {
            let store = abs(piv)
            let dd: Double
            if store >= ww { let r = ww / piv; dd = store * (1 + r * r).squareRoot() }
            else { let r = piv / ww; dd = ww * (1 + r * r).squareRoot() }
            let cos = ww / dd, sin = piv / dd
            ww = dd
            return (cos, sin)
        }

        @inline(__always) static func rotate(_ cos: Double, _ sin: Double, _ a: inout Double, _ b: inout Double) {
            let s1 = a, s2 = b
            b = cos * s2 + sin * s1
            a = cos * s1 - sin * s2
        }

        /// FITPACK `fpgrre` (1-D reduction): least squares (p ≤ 0) or smoothing spline with weight 1/p.
        /// Returns fp and fills `c` and `fpint`.
        func solve(p: Double) -> Double {
            let nk1 = n - 4
            if p > 0 && n > 8 && discontinuityVersion != knotVersion {
                discontinuities()
                discontinuityVersion = knotVersion
            }
            let pinv = p > 0 ? 1.0 / p : 0
            for i in 0...(nk1 + 1) { q[i] = 0 }
            for i in 0..<(5 * (nk1 + 1)) { a[i] = 0 }
            var iband = 4
            var nrold = 0
            for it in 1...m {
                let number = num[it]
                while true {
                    var right: Double
                    var irot: Int
                    if nrold == number {
                        h[iband] = 0
                        for j in 1...4 { h[j] = spx[4 * (it - 1) + j - 1] }
                        right = z[it]
                        irot = number
                    } else {
                        if p <= 0 { nrold += 1; continue }
                        iband = 5
                        let n1 = nrold + 1
                        for j in 1...5 { h[j] = b[5 * (n1 - 1) + j - 1] * pinv }
                        right = 0
                        irot = nrold
                    }
                    for i in 1...iband {
                        irot += 1
                        let piv = h[i]
                        if piv == 0 { continue }
                        let row = 5 * (irot - 1)
                        let (cs, sn) = Self.givens(piv, &a[row])
                        Self.rotate(cs, sn, &right, &q[irot])
                        if i == iband { break }
                        var i2 = 1
                        for j in (i + 1)...iband {
                            i2 += 1
                            Self.rotate(cs, sn, &h[j], &a[row + i2 - 1])
                        }
                    }
                    if nrold == number { break }
                    nrold += 1
                }
            }
            // y-direction: R_y = γ·I (spec 03 §5.2).
            for r in 1...nk1 { q[r] = q[r] / SmoothingSpline.gamma }
            // back substitution (fpback)
            let k1 = iband - 1
            c[nk1] = q[nk1] / a[5 * (nk1 - 1)]
            var i = nk1 - 1
            if i > 0 {
                for j in 2...nk1 {
                    var store = q[i]
                    let i1 = j <= k1 ? j - 1 : k1
                    var mm = i
                    for l in 1...i1 {
                        mm += 1
                        store = store - c[mm] * a[5 * (i - 1) + l]
                    }
                    c[i] = store / a[5 * (i - 1)]
                    i -= 1
                }
            }
            // residuals, each counted twice (two identical Reynolds columns)
            var fp = 0.0
            for j in 0...(n + 1) { fpint[j] = 0 }
            var nroldx = 0
            let g = SmoothingSpline.gamma
            for it in 1...m {
                let numx = num[it]
                var v = 0.0
                for l in 1...4 { v = v + (spx[4 * (it - 1) + l - 1] * g) * c[numx + l] }
                let d = z[it] - v
                let term = d * d
                for _ in 0..<2 {
                    fp = fp + term
                    fpint[numx + 1] = fpint[numx + 1] + term
                    let fac = term * 0.5
                    if numx != nroldx {
                        fpint[numx + 1] = fpint[numx + 1] - fac
                        fpint[numx] = fpint[numx] + fac
                    }
                }
                nroldx = numx
            }
            return fp
        }

        /// FITPACK `fpknot` (istart = 1): add one knot in the interval with the largest residual sum.
        func addKnot() {
            knotVersion += 1
            let k = (n - nrint - 1) / 2
            var fpmax = 0.0
            var jbegin = 1
            var number = 0, maxpt = 0, maxbeg = 0
            for j in 1...nrint {
                let jpoint = nrdata[j]
                if !(fpmax >= fpint[j] || jpoint == 0) {
                    fpmax = fpint[j]; number = j; maxpt = jpoint; maxbeg = jbegin
                }
                jbegin = jbegin + jpoint + 1
            }
            if number == 0 { n += 1; nrint += 1; return }  // degenerate (not expected)
            let ihalf = maxpt / 2 + 1
            let nrx = maxbeg + ihalf
            let next = number + 1
            if next <= nrint {
                for j in next...nrint {
                    let jj = next + nrint - j
                    fpint[jj + 1] = fpint[jj]
                    nrdata[jj + 1] = nrdata[jj]
                    let jk = jj + k
                    t[jk + 1] = t[jk]
                }
            }
            nrdata[number] = ihalf - 1
            nrdata[next] = maxpt - ihalf
            let am = Double(maxpt)
            fpint[number] = fpmax * Double(nrdata[number]) / am
            fpint[next] = fpmax * Double(nrdata[next]) / am
            t[next + k] = x[nrx]
            n += 1
            nrint += 1
        }

        static func rati(_ p1: inout Double, _ f1: inout Double, _ p2: Double, _ f2: Double,
                         _ p3: inout Double, _ f3: inout Double) -> Double {
            let p: Double
            if p3 > 0 {
                let h1 = f1 * (f2 - f3), h2 = f2 * (f3 - f1), h3 = f3 * (f1 - f2)
                p = -(p1 * p2 * h3 + p2 * p3 * h1 + p3 * p1 * h2) / (p1 * h1 + p2 * h2 + p3 * h3)
            } else {
                p = (p1 * (f1 - f3) * f2 - p2 * (f2 - f3) * f1) / ((f1 - f2) * f3)
            }
            if f2 < 0 { p3 = p2; f3 = f2 } else { p1 = p2; f1 = f2 }
            return p
        }

        func run(s: Double) throws(FitError) -> Result {
            let acc = SmoothingSpline.tol * s
            let nmax = m + 4
            let ne = min(nmax, nest)
            n = 8
            nrdata[1] = m - 2
            var nplus = 0
            var fp0 = 0.0, fpold = 0.0, reduc = 0.0
            var lastdi = 0
            var ier = 0
            var fp = 0.0
            var fpms = 0.0
            var knotsFixed = false
            for _ in 1...(m + 2) {
                if n == 8 { ier = -2 }
                nrint = n - 7
                setBoundaryKnots()
                observations()
                fp = solve(p: -1)
                if ier == -2 { fp0 = fp }
                fpms = fp - s
                if abs(fpms) < acc { return result(fp: fp, ier: ier) }
                if fpms < 0 { knotsFixed = true; break }
                if n == nmax { return result(fp: 0, ier: -1) }  // interpolating spline (not reached in practice)
                if n == ne { throw .storageExceeded }
                ier = 0
                if lastdi < 0 { reduc = fpold - fp }
                fpold = fp
                var npl = 1
                if n != 8 {
                    var npl1 = 2 * nplus
                    if reduc > acc {
                        let r = Double(nplus) * fpms / reduc
                        npl1 = r >= Double(Int32.max) ? Int(Int32.max) : (r <= -Double(Int32.max) ? -Int(Int32.max) : Int(r))
                    }
                    npl = min(2 * nplus, max(npl1, nplus / 2, 1))
                }
                lastdi = -1
                nplus = npl
                for _ in 0..<nplus {
                    addKnot()
                    if n == ne { break }
                }
            }
            if ier == -2 { return result(fp: fp, ier: ier) }
            if !knotsFixed { nrint = n - 7; setBoundaryKnots(); observations() }
            // Part 2: smoothing parameter p by rational interpolation.
            var p1 = 0.0, f1 = fp0 - s, p3 = -1.0, f3 = fpms, p = 1.0
            var ich1 = 0, ich3 = 0
            for iter in 1...20 {
                fp = solve(p: p)
                fpms = fp - s
                if abs(fpms) < acc { return result(fp: fp, ier: 0) }
                if iter == 20 { throw .maxIterations }
                let p2 = p, f2 = fpms
                if ich3 == 0 {
                    if !(f2 - f3 > acc) {
                        p3 = p2; f3 = f2
                        p = p * SmoothingSpline.con4
                        if p <= p1 { p = p1 * SmoothingSpline.con9 + p2 * SmoothingSpline.con1 }
                        continue
                    }
                    if f2 < 0 { ich3 = 1 }
                }
                if ich1 == 0 {
                    if !(f1 - f2 > acc) {
                        p1 = p2; f1 = f2
                        p = p / SmoothingSpline.con4
                        if p3 < 0 { continue }
                        if p >= p3 { p = p2 * SmoothingSpline.con1 + p3 * SmoothingSpline.con9 }
                        continue
                    }
                    if f2 > 0 { ich1 = 1 }
                }
                if f2 >= f1 || f2 <= f3 { throw .notConverging }
                p = Self.rati(&p1, &f1, p2, f2, &p3, &f3)
            }
            throw .maxIterations
        }
    }
}
