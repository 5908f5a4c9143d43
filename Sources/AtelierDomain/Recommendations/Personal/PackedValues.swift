import Foundation

/// The byte layout of the per-person values in `recommender_profiles` and of the ALS item
/// factors in an artifact: Float32 and Int32 little-endian, packed without padding, so a
/// person's 64 factors take 256 bytes rather than a JSON array of text numbers.
enum PackedValues {
    static func pack(_ values: some Collection<Float>) -> Data {
        var data = Data(capacity: values.count * 4)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func unpackFloats(_ data: Data) -> [Float]? {
        guard data.count % 4 == 0 else { return nil }
        return stride(from: 0, to: data.count, by: 4).map { Float(bitPattern: word(data, at: $0)) }
    }

    /// A history as (item position, weight) pairs, ascending positions.
    static func pack(history: [(index: Int32, weight: Float)]) -> Data {
        var data = Data(capacity: history.count * 8)
        for (index, weight) in history {
            withUnsafeBytes(of: UInt32(bitPattern: index).littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: weight.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    static func unpackHistory(_ data: Data) -> [(index: Int32, weight: Float)]? {
        guard data.count % 8 == 0 else { return nil }
        return stride(from: 0, to: data.count, by: 8).map {
            (Int32(bitPattern: word(data, at: $0)), Float(bitPattern: word(data, at: $0 + 4)))
        }
    }

    private static func word(_ data: Data, at offset: Int) -> UInt32 {
        let start = data.startIndex + offset
        return UInt32(data[start]) | UInt32(data[start + 1]) << 8 | UInt32(data[start + 2]) << 16
            | UInt32(data[start + 3]) << 24
    }
}
