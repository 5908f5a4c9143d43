import Foundation

/// Helpers for consent tests: a profile made by tracking, consent statements, and TCF strings.
enum ConsentFixtures {
    /// A profile created by an identify call carrying `email`; answers its id.
    static func profile(_ server: APITestServer, key: String, email: String, userID: String) async throws -> String {
        _ = try await TrackingFixtures.send(
            server, key: key, "identify", #"{"userId": "\#(userID)", "traits": {"email": "\#(email)"}}"#)
        guard let id = try await TrackingFixtures.profileID(server, key: key, "user_id:\(userID)") else {
            throw RawHTTPClient.Failure(description: "no profile for \(userID)")
        }
        return id
    }

    /// Records `purposes` (name to granted) for `profileID` and expects 200.
    @discardableResult
    static func record(
        _ server: APITestServer, key: String, profileID: String, _ purposes: String, occurredAt: String? = nil
    ) async throws -> RawHTTPClient.Response {
        let time = occurredAt.map { #", "occurredAt": "\#($0)""# } ?? ""
        let response = try await server.send(
            "PUT", "/v1/profiles/\(profileID)/consents", key: key,
            json: #"{"source": "web_banner", "policyVersion": "2026-10", "purposes": \#(purposes)\#(time)}"#)
        guard response.status == 200 else {
            throw RawHTTPClient.Failure(description: "consent not recorded: \(response.status) \(response.text)")
        }
        return response
    }

    /// The overview's `permitted` per purpose.
    static func permitted(_ server: APITestServer, key: String, profileID: String) async throws -> [String: Bool] {
        let overview = try await server.send("GET", "/v1/profiles/\(profileID)/consents", key: key)
        var permitted: [String: Bool] = [:]
        for purpose in overview.json["purposes"] as? [[String: Any]] ?? [] {
            if let name = purpose["purpose"] as? String { permitted[name] = purpose["permitted"] as? Bool }
        }
        return permitted
    }

    /// An IAB TCF v2 core string whose purpose consents are `purposes` (1-based), built bit by
    /// bit after the IAB's "Consent string and vendor list formats v2" layout.
    static func tcfString(purposes: Set<Int>) -> String {
        var bits: [Bool] = []
        func append(_ value: Int, _ width: Int) {
            for shift in stride(from: width - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        append(2, 6)  // Version
        append(16_000_000_000, 36)  // Created (deciseconds)
        append(16_000_000_000, 36)  // LastUpdated
        append(7, 12)  // CmpId
        append(1, 12)  // CmpVersion
        append(1, 6)  // ConsentScreen
        append(4 * 64 + 13, 12)  // ConsentLanguage "EN"
        append(100, 12)  // VendorListVersion
        append(4, 6)  // TcfPolicyVersion
        append(1, 1)  // IsServiceSpecific
        append(0, 1)  // UseNonStandardTexts
        append(0, 12)  // SpecialFeatureOptIns
        for purpose in 1...24 { bits.append(purposes.contains(purpose)) }  // PurposesConsent
        append(0, 24)  // PurposesLITransparency
        while bits.count % 8 != 0 { bits.append(false) }
        var bytes: [UInt8] = []
        for start in stride(from: 0, to: bits.count, by: 8) {
            bytes.append(bits[start..<start + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) })
        }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
