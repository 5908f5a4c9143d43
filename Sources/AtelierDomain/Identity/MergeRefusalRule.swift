/// Why identity resolution declined to link an identifier.
public enum MergeRefusalRule: String, Sendable, Codable {
    /// The link would exceed the type's `maxPerProfile`.
    case limit
    /// The value is on the tenant's blocked list (a shared device, a test address).
    case blocked
    /// An operator unmerged these profiles; they are not merged again automatically.
    case unmerged
}
