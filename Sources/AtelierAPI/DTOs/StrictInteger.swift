/// An integer member — an amount in minor units, a quantity — that names itself when a client
/// sends a fraction. Decoding `Int64` from `12.5` makes Foundation call the whole body invalid
/// JSON without saying where; this type reports `/lines/0/unitPriceMinor` instead.
struct StrictInteger: Decodable, Sendable {
    var value: Int64

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int64.self) {
            self.value = value
            return
        }
        if (try? container.decode(Double.self)) != nil {
            throw DecodingError.typeMismatch(
                Int64.self,
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a fraction or an out-of-range number where an integer was expected"))
        }
        value = try container.decode(Int64.self)
    }
}
