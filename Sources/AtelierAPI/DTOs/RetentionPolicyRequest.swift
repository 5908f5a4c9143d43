import AtelierREST

/// Body of `PUT /v1/retention/events`: `{"months": 25, "mode": "anonymise"}`, or
/// `{"months": null}` to keep events. `months` must be present, so that a body without it
/// never turns retention off by accident.
struct RetentionPolicyRequest: Decodable, StrictDecodable {
    var months: Int64?
    var mode: String?

    static let allowedFields: Set<String> = ["months", "mode"]

    enum CodingKeys: String, CodingKey { case months, mode }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.months) else {
            throw DecodingError.keyNotFound(
                CodingKeys.months,
                .init(codingPath: decoder.codingPath, debugDescription: "months is required (null keeps events)"))
        }
        months = try container.decode(StrictInteger?.self, forKey: .months)?.value
        mode = try container.decodeIfPresent(String.self, forKey: .mode)
    }
}
