/// The users or items of a model and their dense positions: keys in ascending order, key `k` at
/// position `index(of: k)`. Sorting (rather than order of first appearance) makes every position,
/// and so every seeded initialisation and every tie-break by position, independent of the order
/// in which interactions arrive.
///
/// Encoded as the plain ascending array of keys; the lookup table is rebuilt when decoding, and a
/// decoded array that is not strictly ascending is refused.
public struct IdentifierIndex<Key: Hashable & Comparable & Sendable>: Sendable {
    /// Every key, ascending, without repeats.
    public let keys: [Key]
    private let positions: [Key: Int]

    /// The distinct keys of `keys`, sorted.
    public init(_ keys: some Sequence<Key>) {
        self.init(ascending: Set(keys).sorted())
    }

    private init(ascending keys: [Key]) {
        self.keys = keys
        var positions: [Key: Int] = [:]
        positions.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() {
            positions[key] = position
        }
        self.positions = positions
    }

    public var count: Int { keys.count }

    public func index(of key: Key) -> Int? {
        positions[key]
    }

    public subscript(index: Int) -> Key {
        keys[index]
    }

    public func contains(_ key: Key) -> Bool {
        positions[key] != nil
    }
}

extension IdentifierIndex: Hashable {
    public static func == (left: Self, right: Self) -> Bool {
        left.keys == right.keys
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
    }
}

extension IdentifierIndex: Codable where Key: Codable {
    public init(from decoder: any Decoder) throws {
        let keys = try decoder.singleValueContainer().decode([Key].self)
        guard zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "keys must be strictly ascending"))
        }
        self.init(ascending: keys)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(keys)
    }
}
