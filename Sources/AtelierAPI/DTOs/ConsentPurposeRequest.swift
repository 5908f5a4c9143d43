import AtelierREST

/// Body of `PUT /v1/consents/purposes/{purpose}`.
struct ConsentPurposeRequest: Decodable, StrictDecodable {
    var lawfulBasis: String
    var description: String?

    static let allowedFields: Set<String> = ["lawfulBasis", "description"]
}
