/// How one identifier type takes part in identity resolution, as in Segment Unify: its
/// priority (1 is strongest) decides which profile an event attaches to and in which order
/// links are tried; its limit stops a merge that would give one person too many values.
public struct IdentityRule: Sendable, Equatable, Codable {
    public var type: String
    public var priority: Int
    /// At most this many values of `type` in one merged profile; nil is unlimited.
    public var maxPerProfile: Int?

    public init(type: String, priority: Int, maxPerProfile: Int?) {
        self.type = type
        self.priority = priority
        self.maxPerProfile = maxPerProfile
    }
}
