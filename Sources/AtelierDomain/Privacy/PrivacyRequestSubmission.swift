import Foundation

/// A privacy request as an officer's tool sends it (OpenDSR `POST /requests`), before it is
/// checked and stored by `PrivacyRequestStore.submit`.
public struct PrivacyRequestSubmission: Sendable {
    /// The controller's id for the request (`subject_request_id`); resending it is idempotent.
    public var id: UUID
    public var type: PrivacyRequestType
    public var regulation: Regulation
    /// When the data subject made the request; nil means now. The deadline counts from it.
    public var submittedAt: Date?
    public var identities: [SubjectIdentity]
    public var callbackURLs: [String]

    public init(
        id: UUID, type: PrivacyRequestType, regulation: Regulation, submittedAt: Date?, identities: [SubjectIdentity],
        callbackURLs: [String]
    ) {
        self.id = id
        self.type = type
        self.regulation = regulation
        self.submittedAt = submittedAt
        self.identities = identities
        self.callbackURLs = callbackURLs
    }

    public static let maximumIdentities = 20
    public static let maximumCallbackURLs = 5
    /// How far ahead of the server's clock `submittedAt` may be (clients' clocks drift).
    static let clockTolerance: TimeInterval = 300

    /// The identifiers the request names, normalised; refuses what cannot identify anyone.
    func validatedIdentifiers(normaliser: IdentifierNormaliser, now: Date) throws(DomainError) -> [Identifier] {
        guard (1...Self.maximumIdentities).contains(identities.count) else {
            throw .invalid(
                field: "/subject_identities", reason: "must hold 1 to \(Self.maximumIdentities) identities",
                hint: #"[{"identity_type": "email", "identity_value": "ann@example.com", "identity_format": "raw"}]"#)
        }
        if let submittedAt, submittedAt.timeIntervalSince(now) > Self.clockTolerance {
            throw .invalid(field: "/submitted_time", reason: "is in the future", hint: "when the data subject asked")
        }
        guard callbackURLs.count <= Self.maximumCallbackURLs else {
            throw .invalid(
                field: "/status_callback_urls", reason: "must hold at most \(Self.maximumCallbackURLs) URLs", hint: nil)
        }
        for (index, url) in callbackURLs.enumerated() {
            _ = try CallbackURL(url, field: "/status_callback_urls/\(index)")
        }
        var identifiers: [Identifier] = []
        for identity in identities {
            let identifier = try identity.identifier(normaliser: normaliser)
            if !identifiers.contains(identifier) { identifiers.append(identifier) }
        }
        return identifiers
    }
}
