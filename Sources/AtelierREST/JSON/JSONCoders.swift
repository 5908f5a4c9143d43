import Foundation

/// The one JSON configuration of the API: ISO-8601 dates (fractional seconds written,
/// optional when read), keys exactly as declared.
///
/// Encoders and decoders are built once: Foundation's `JSONEncoder`/`JSONDecoder` are
/// `Sendable` and safe to share once configured, and building them per request costs
/// allocations on the hot path.
enum JSONCoders {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(dateStyle))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            guard let text = try? decoder.singleValueContainer().decode(String.self),
                let date = try? dateStyle.parse(text)
            else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: ExpectedType.dateTime))
            }
            return date
        }
        return decoder
    }()

    /// Writes fractional seconds; when parsing, also accepts times without them.
    private static let dateStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
