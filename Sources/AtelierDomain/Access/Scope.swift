/// A permission carried by an API key. Keys get the fewest scopes their caller needs:
/// a web tag gets `events:write`, a privacy tool `privacy:manage`, a partner `audiences:read`.
public struct Scope: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static let eventsWrite = Scope(rawValue: "events:write")
    public static let profilesRead = Scope(rawValue: "profiles:read")
    public static let consentsWrite = Scope(rawValue: "consents:write")
    public static let privacyManage = Scope(rawValue: "privacy:manage")
    public static let segmentsManage = Scope(rawValue: "segments:manage")
    /// Limited to the audiences named on the key (`Principal.audienceIDs`).
    public static let audiencesRead = Scope(rawValue: "audiences:read")
    public static let modelsManage = Scope(rawValue: "models:manage")
    /// Serving for front-ends: related items, cart and profile recommendations.
    public static let recommendationsRead = Scope(rawValue: "recommendations:read")
    /// Everything within the key's tenant, including managing its keys.
    public static let admin = Scope(rawValue: "admin")

    public static let all: [Scope] = [
        .eventsWrite, .profilesRead, .consentsWrite, .privacyManage, .segmentsManage, .audiencesRead,
        .modelsManage, .recommendationsRead, .admin,
    ]

    /// Parses a scope list, refusing unknown names so a typo never silently grants nothing.
    public static func parse(_ names: [String]) throws(DomainError) -> Set<Scope> {
        guard !names.isEmpty else {
            throw .invalid(field: "/scopes", reason: "at least one scope is required", hint: Self.hint)
        }
        var scopes: Set<Scope> = []
        for (index, name) in names.enumerated() {
            let scope = Scope(rawValue: name.trimmingCharacters(in: .whitespaces))
            guard all.contains(scope) else {
                throw .invalid(field: "/scopes/\(index)", reason: "unknown scope '\(name)'", hint: Self.hint)
            }
            scopes.insert(scope)
        }
        return scopes
    }

    private static var hint: String { "known scopes: " + all.map(\.rawValue).joined(separator: ", ") }
}
