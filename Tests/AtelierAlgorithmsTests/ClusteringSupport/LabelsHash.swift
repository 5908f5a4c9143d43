/// FNV-1a (64 bits) over labels, one byte each, as scripts/reference/kmeans_reference.py
/// hashes scikit-learn's labels: equal hashes mean identical assignments, row for row.
/// (Also compiled into Benchmarks/KMeansFit.)
func labelsFNV1a64(_ labels: [Int]) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for label in labels {
        hash ^= UInt64(UInt8(truncatingIfNeeded: label))
        hash = hash &* 0x0000_0100_0000_01B3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
