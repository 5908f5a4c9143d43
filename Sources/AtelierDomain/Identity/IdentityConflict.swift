/// A concurrent transaction changed the identity graph this one was resolving against
/// (it claimed the same new identifier, or merged a profile we were about to lock). The
/// whole transaction must run again; `IdentityTransaction` does so.
public struct IdentityConflict: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
