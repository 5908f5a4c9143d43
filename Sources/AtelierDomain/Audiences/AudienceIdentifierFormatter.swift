import AtelierCrypto

/// Turns a member's stored identifiers into what a destination expects: normalised the way the
/// platform documents it, then SHA-256 as lower-case hex (or, for an admin-configured raw
/// audience, the normalised value itself).
public struct AudienceIdentifierFormatter: Sendable {
    public var destination: AudienceDestination
    public var raw: Bool

    public init(destination: AudienceDestination, raw: Bool = false) {
        self.destination = destination
        self.raw = raw
    }

    /// The e-mail as delivered.
    public func email(_ address: String) -> String {
        finish(normalisedEmail(address))
    }

    /// The phone (E.164, `+` and digits, as Atelier stores it) as delivered.
    public func phone(_ e164: String) -> String {
        finish(normalisedPhone(e164))
    }

    /// Trimmed and lower-cased; for Google, a `gmail.com` or `googlemail.com` local part also
    /// loses its dots and anything from a `+` on.
    public func normalisedEmail(_ address: String) -> String {
        let lowered = address.trimmingWhitespace.lowercased()
        guard destination == .googleCustomerMatch, let at = lowered.lastIndex(of: "@") else { return lowered }
        let domain = lowered[lowered.index(after: at)...]
        guard domain == "gmail.com" || domain == "googlemail.com" else { return lowered }
        let local = lowered[..<at].prefix { $0 != "+" }.filter { $0 != "." }
        return local + "@" + domain
    }

    /// E.164 with `+`, or for Meta its digits alone (country code first).
    public func normalisedPhone(_ e164: String) -> String {
        let digits = e164.filter(\.isASCII).filter(\.isNumber)
        return destination == .meta ? String(digits) : "+" + digits
    }

    private func finish(_ normalised: String) -> String {
        raw ? normalised : Hex.encode(Digest.sha256(normalised))
    }
}
