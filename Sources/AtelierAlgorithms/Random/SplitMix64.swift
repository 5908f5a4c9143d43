/// A seeded pseudo-random generator (Steele, Lea & Flood's SplitMix64), so that every seeded
/// algorithm is deterministic across runs, platforms and Swift versions.
///
/// Why not the standard library's helpers (`Double.random(in:using:)`): how they turn bits into
/// numbers is an implementation detail that may change between Swift versions, and the reference
/// scripts must reproduce the exact stream in Python (scripts/reference/recommender_reference.py
/// does). `nextUnitInterval()` is therefore defined here: the top 53 bits of `next()` times 2⁻⁵³.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable, Codable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) with 53 random bits: `Double(next() >> 11) · 2⁻⁵³`.
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}
