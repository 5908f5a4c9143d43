/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1, by its power series.
///
/// Why a plain series is enough: BG/NBD only needs z = t / (α + T + t), which stays well below 1
/// for horizons of the order of the observation period (z ≈ 0.92 for a year ahead of a brand
/// new customer), where the series converges geometrically. Terms are summed until they no
/// longer change the sum in double precision; `maximumTerms` bounds the work for z very
/// close to 1, where the result then carries the truncation error of the remaining terms.
enum GaussHypergeometricSeries {
    static let maximumTerms = 1_000_000

    static func value(a: Double, b: Double, c: Double, z: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var n = 0.0
        for _ in 0..<maximumTerms {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
            sum += term
            n += 1
            if term == 0 || !sum.isFinite || abs(term) <= abs(sum) * Double.ulpOfOne / 4 { break }
        }
        return sum
    }
}
