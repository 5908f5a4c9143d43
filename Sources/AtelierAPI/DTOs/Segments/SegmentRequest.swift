import AtelierDomain
import AtelierREST

/// Body of `POST /v1/segments` and `PUT /v1/segments/{segmentId}`: the whole definition.
struct SegmentRequest: Decodable, StrictDecodable {
    var name: String
    var description: String?
    var purpose: String?
    var rule: SegmentRule
    var refreshIntervalSeconds: StrictInteger?

    static let allowedFields: Set<String> = ["name", "description", "purpose", "rule", "refreshIntervalSeconds"]

    func definition() throws(DomainError) -> SegmentDefinition {
        try SegmentDefinition(
            name: name, description: description ?? "", purpose: try Self.purpose(purpose, field: "/purpose"), rule: rule,
            refreshInterval: refreshIntervalSeconds.map { Int($0.value) } ?? SegmentDefinition.defaultRefreshInterval)
    }

    /// A read purpose named in a body; `analytics` when absent.
    static func purpose(_ name: String?, field: String) throws(DomainError) -> ReadPurpose {
        guard let name else { return .analytics }
        guard let purpose = ReadPurpose(rawValue: name) else {
            throw .invalid(
                field: field, reason: "is not a read purpose",
                hint: "one of " + ReadPurpose.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return purpose
    }
}

/// Body of `POST /v1/segments/preview`.
struct SegmentPreviewRequest: Decodable, StrictDecodable {
    var rule: SegmentRule
    var purpose: String?
    var exact: Bool?

    static let allowedFields: Set<String> = ["rule", "purpose", "exact"]
}
