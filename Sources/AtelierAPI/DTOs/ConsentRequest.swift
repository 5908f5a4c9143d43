import AtelierDomain
import AtelierREST
import Foundation

/// Body of `PUT /v1/profiles/{profileId}/consents`: one statement of choice. `purposes` are
/// explicit grants (true) and withdrawals (false); a machine-readable `proof` (TCF, Consent
/// Mode, Segment categories) is mapped to purposes too, explicit entries winning.
struct ConsentRequest: Decodable, StrictDecodable {
    struct Proof: Decodable, StrictDecodable {
        var format: String
        var value: JSONValue

        static let allowedFields: Set<String> = ["format", "value"]
    }

    var purposes: [String: Bool]?
    var source: String
    var policyVersion: String?
    var occurredAt: Date?
    var proof: Proof?

    static let allowedFields: Set<String> = ["purposes", "source", "policyVersion", "occurredAt", "proof"]

    /// The statement to record; throws field-precise errors for unknown sources, bad proofs,
    /// and a statement that chooses nothing.
    func statement(now: Date) throws(DomainError) -> ConsentStatement {
        guard let source = ConsentSource(rawValue: source) else {
            throw .invalid(
                field: "/source", reason: "is not a consent source",
                hint: "one of " + ConsentSource.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let policyVersion, policyVersion.isEmpty || policyVersion.count > 100 {
            throw .invalid(field: "/policyVersion", reason: "must be 1 to 100 characters", hint: nil)
        }
        let (proof, mapped) = try mappedProof()
        var choices = mapped
        for (name, granted) in purposes ?? [:] {
            choices[try Purpose(name, field: "/purposes/\(name)")] = granted
        }
        guard !choices.isEmpty else {
            throw .invalid(
                field: "/purposes", reason: "must name at least one purpose (or come with a proof that maps to one)",
                hint: "for example {\"marketing_email\": true}")
        }
        let occurred = occurredAt ?? now
        guard occurred <= now.addingTimeInterval(300) else {
            throw .invalid(field: "/occurredAt", reason: "is in the future", hint: "when the person made the choice")
        }
        return ConsentStatement(
            choices: choices, source: source, policyVersion: policyVersion, occurredAt: occurred, proof: proof)
    }

    private func mappedProof() throws(DomainError) -> (ConsentProof, [Purpose: Bool]) {
        guard let proof else { return (.none, [:]) }
        guard let format = ConsentProofFormat(rawValue: proof.format), format != .none else {
            throw .invalid(
                field: "/proof/format", reason: "is not a proof format",
                hint: "one of tcf_v2, google_consent_mode, segment_categories, text")
        }
        let raw = proof.value.stringValue ?? proof.value.jsonText
        guard raw.utf8.count <= ConsentProof.maximumLength else {
            throw .invalid(field: "/proof/value", reason: "is larger than 16 KiB", hint: nil)
        }
        let kept = ConsentProof(format: format, raw: raw)
        switch (format, proof.value) {
        case (.text, .string):
            return (kept, [:])
        case (.tcfV2, .string(let text)):
            return (kept, try ConsentSignalMapping.choices(for: .tcf(text), field: "/proof/value"))
        case (.googleConsentMode, .object(let members)):
            var signals: [String: String] = [:]
            for (name, value) in members {
                guard let text = value.stringValue else {
                    throw .invalid(field: "/proof/value/\(name)", reason: "must be \"granted\" or \"denied\"", hint: nil)
                }
                signals[name] = text
            }
            return (kept, try ConsentSignalMapping.choices(for: .googleConsentMode(signals), field: "/proof/value"))
        case (.segmentCategories, .object(let members)):
            var preferences: [String: Bool] = [:]
            for (name, value) in members {
                guard case .bool(let granted) = value else {
                    throw .invalid(field: "/proof/value/\(name)", reason: "must be a boolean", hint: nil)
                }
                preferences[name] = granted
            }
            return (kept, try ConsentSignalMapping.choices(for: .segmentCategories(preferences), field: "/proof/value"))
        case (.tcfV2, _), (.text, _):
            throw .invalid(field: "/proof/value", reason: "must be a string for format \(format.rawValue)", hint: nil)
        default:
            throw .invalid(field: "/proof/value", reason: "must be an object for format \(format.rawValue)", hint: nil)
        }
    }
}
