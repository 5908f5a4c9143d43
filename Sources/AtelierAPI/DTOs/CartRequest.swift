import AtelierREST

/// Body of `POST /v1/recommendations`: an anonymous cart.
struct CartRequest: Decodable, StrictDecodable {
    var skus: [String]
    var limit: Int?

    static let allowedFields: Set<String> = ["skus", "limit"]
}
