import AtelierDomain
import AtelierREST
import Foundation

/// Body of `POST /v1/privacy/requests`, an OpenDSR request with its field names. Enum-like
/// members are read as text and checked here, so a wrong value is reported with the allowed
/// ones. `api_version`, `property_id` and `extensions` are OpenDSR members Atelier accepts
/// and does not use.
struct PrivacyRequestBody: Decodable, StrictDecodable {
    struct Identity: Decodable {
        var type: String
        var value: String
        var format: String?

        enum CodingKeys: String, CodingKey {
            case type = "identity_type"
            case value = "identity_value"
            case format = "identity_format"
        }
    }

    var requestID: String
    var requestType: String
    var regulation: String
    var submittedTime: Date?
    var identities: [Identity]
    var callbackURLs: [String]?
    var apiVersion: String?
    var propertyID: String?
    var extensions: JSONValue?

    enum CodingKeys: String, CodingKey {
        case requestID = "subject_request_id"
        case requestType = "subject_request_type"
        case regulation
        case submittedTime = "submitted_time"
        case identities = "subject_identities"
        case callbackURLs = "status_callback_urls"
        case apiVersion = "api_version"
        case propertyID = "property_id"
        case extensions
    }

    static let allowedFields: Set<String> = [
        "subject_request_id", "subject_request_type", "regulation", "submitted_time", "subject_identities",
        "status_callback_urls", "api_version", "property_id", "extensions",
    ]

    func submission() throws(Problem) -> PrivacyRequestSubmission {
        guard let id = UUID(uuidString: requestID) else {
            throw Problem.invalidField(
                "/subject_request_id", expected: "a UUID", hint: "the controller's id for the request")
        }
        let type = try Self.choice(PrivacyRequestType.self, requestType, field: "/subject_request_type")
        let regulation = try Self.choice(Regulation.self, regulation, field: "/regulation")
        var subjectIdentities: [SubjectIdentity] = []
        for (index, identity) in identities.enumerated() {
            let field = "/subject_identities/\(index)"
            let format = try Self.choice(
                SubjectIdentity.Format.self, identity.format ?? "raw", field: "\(field)/identity_format")
            subjectIdentities.append(
                SubjectIdentity(type: identity.type, value: identity.value, format: format, field: field))
        }
        return PrivacyRequestSubmission(
            id: id, type: type, regulation: regulation, submittedAt: submittedTime, identities: subjectIdentities,
            callbackURLs: callbackURLs ?? [])
    }

    private static func choice<T: RawRepresentable<String> & CaseIterable>(
        _ type: T.Type, _ text: String, field: String
    )
        throws(Problem) -> T
    {
        guard let value = T(rawValue: text) else {
            throw Problem.invalidField(field, expected: "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }
}

/// Body of `PUT /v1/privacy/settings`; members left out keep their value.
struct PrivacySettingsBody: Decodable, StrictDecodable {
    var suppressionMode: String?
    var exportTimeToLiveSeconds: StrictInteger?

    enum CodingKeys: String, CodingKey {
        case suppressionMode = "suppression_mode"
        case exportTimeToLiveSeconds = "export_ttl_seconds"
    }

    static let allowedFields: Set<String> = ["suppression_mode", "export_ttl_seconds"]

    func mode() throws(Problem) -> SuppressionMode? {
        guard let suppressionMode else { return nil }
        guard let mode = SuppressionMode(rawValue: suppressionMode) else {
            throw Problem.invalidField(
                "/suppression_mode",
                expected: "one of " + SuppressionMode.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return mode
    }
}
