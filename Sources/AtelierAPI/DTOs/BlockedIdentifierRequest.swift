import AtelierREST

/// Body of `POST /v1/identity/blocked`: a value that must never link profiles.
struct BlockedIdentifierRequest: Decodable, StrictDecodable {
    var type: String
    var value: String

    static let allowedFields: Set<String> = ["type", "value"]
}
