/// The MT19937 generator with the seeding and draws of NumPy's legacy
/// `numpy.random.RandomState(seed)`, which scikit-learn uses for an integer `random_state`.
///
/// Why this generator: with it, k-means++ seeding and silhouette sampling draw exactly the
/// numbers scikit-learn draws for the same seed, so a fit can be compared with scikit-learn's
/// run for run (same seed, same start, same partition), not only statistically.
struct MersenneTwister: Sendable {
    private static let stateSize = 624
    private static let shift = 397
    private var state: [UInt32]
    private var position: Int

    /// NumPy's `mt19937_seed` (Matsumoto and Nishimura's `init_genrand`).
    init(seed: UInt32) {
        state = [UInt32](repeating: 0, count: Self.stateSize)
        state[0] = seed
        for index in 1..<Self.stateSize {
            let previous = state[index - 1]
            state[index] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(index)
        }
        position = Self.stateSize
    }

    mutating func nextUInt32() -> UInt32 {
        if position == Self.stateSize { regenerate() }
        var value = state[position]
        position += 1
        value ^= value >> 11
        value ^= (value << 7) & 0x9D2C_5680
        value ^= (value << 15) & 0xEFC6_0000
        value ^= value >> 18
        return value
    }

    /// A double in [0, 1) from 53 random bits, as NumPy's `random_sample` and `uniform()`.
    mutating func nextDouble() -> Double {
        let high = Double(nextUInt32() >> 5)
        let low = Double(nextUInt32() >> 6)
        return (high * 67_108_864.0 + low) / 9_007_199_254_740_992.0
    }

    /// An integer in 0...maximum by masked rejection, as NumPy's `random_interval` (used by
    /// `shuffle` and `permutation`). `maximum` must be below 2³².
    mutating func nextInt(through maximum: Int) -> Int {
        guard maximum > 0 else { return 0 }
        var mask = UInt32(maximum)
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        while true {
            let value = Int(nextUInt32() & mask)
            if value <= maximum { return value }
        }
    }

    /// `RandomState.permutation(count)`: 0..<count shuffled by Fisher–Yates from the end.
    mutating func permutation(_ count: Int) -> [Int] {
        var values = Array(0..<count)
        var index = count - 1
        while index > 0 {
            values.swapAt(index, nextInt(through: index))
            index -= 1
        }
        return values
    }

    private mutating func regenerate() {
        let size = Self.stateSize
        for index in 0..<size {
            let bits = (state[index] & 0x8000_0000) | (state[(index + 1) % size] & 0x7FFF_FFFF)
            var next = state[(index + Self.shift) % size] ^ (bits >> 1)
            if bits & 1 != 0 { next ^= 0x9908_B0DF }
            state[index] = next
        }
        position = 0
    }
}
