/// A key for a value that middleware attaches to a request (the authenticated tenant,
/// the API key's scopes, …). Declaring a type per key gives each value a static type
/// and keeps unrelated middleware from colliding on string names.
///
/// ```swift
/// enum TenantKey: RequestContextKey { typealias Value = TenantID }
/// request.context[TenantKey.self] = tenant
/// ```
public protocol RequestContextKey {
    associatedtype Value: Sendable
}

/// Typed per-request storage, written by middleware and read by handlers.
public struct RequestContext: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    public subscript<Key: RequestContextKey>(key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}
