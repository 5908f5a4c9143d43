/// A model kind of `GET /v1/models`: which version serves and the newest one.
struct ModelSummaryResponse: Encodable {
    var kind: String
    var servingVersion: Int?
    var latestVersion: Int?
    var latestStatus: String?

    enum CodingKeys: String, CodingKey { case kind, servingVersion, latestVersion, latestStatus }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(servingVersion, forKey: .servingVersion)
        try container.encode(latestVersion, forKey: .latestVersion)
        try container.encode(latestStatus, forKey: .latestStatus)
    }
}
