import AtelierDomain
import AtelierREST
import Foundation

/// Body of `POST /v1/audiences` and `PUT /v1/audiences/{audienceId}`: the whole definition.
struct AudienceRequest: Decodable, StrictDecodable {
    var name: String
    var segmentId: UUID
    var partner: String
    var destination: String?
    var identifiers: [String]?
    var extraPurposes: [String]?
    var rawIdentifiers: Bool?
    var minimumSize: StrictInteger?

    static let allowedFields: Set<String> = [
        "name", "segmentId", "partner", "destination", "identifiers", "extraPurposes", "rawIdentifiers", "minimumSize",
    ]

    func definition() throws(DomainError) -> AudienceDefinition {
        let destination = try destination.map { name throws(DomainError) in
            guard let destination = AudienceDestination(rawValue: name) else {
                throw .invalid(
                    field: "/destination", reason: "is not a destination",
                    hint: AudienceDestination.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return destination
        } ?? .generic
        var kinds: [AudienceIdentifierKind] = []
        for (index, name) in (identifiers ?? [AudienceIdentifierKind.email.rawValue]).enumerated() {
            guard let kind = AudienceIdentifierKind(rawValue: name) else {
                throw .invalid(
                    field: "/identifiers/\(index)", reason: "is not an identifier an audience can share",
                    hint: AudienceIdentifierKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            kinds.append(kind)
        }
        var purposes: [ReadPurpose] = []
        for (index, name) in (extraPurposes ?? []).enumerated() {
            purposes.append(try SegmentRequest.purpose(name, field: "/extraPurposes/\(index)"))
        }
        let minimum = minimumSize.map { Int(clamping: $0.value) } ?? AudienceDefinition.minimumSizeFloor
        return try AudienceDefinition(
            name: name, segmentID: segmentId, partner: partner, destination: destination, identifiers: kinds,
            extraPurposes: purposes, rawIdentifiers: rawIdentifiers ?? false, minimumSize: minimum)
    }
}
