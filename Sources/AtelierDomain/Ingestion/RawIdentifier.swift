/// An identifier as the client sent it, before normalisation, with where it came from so
/// an unusable one can be reported precisely.
public struct RawIdentifier: Sendable, Equatable {
    public var type: String
    public var value: String
    /// JSON pointer of the member inside the event, e.g. `/context/externalIds/0/id`.
    public var field: String
    /// Whether a bad value rejects the event (explicit ids) or is only left unlinked
    /// (an e-mail typed into a trait stays a trait even if it is not an address).
    public var isRequired: Bool

    public init(type: String, value: String, field: String, isRequired: Bool) {
        self.type = type
        self.value = value
        self.field = field
        self.isRequired = isRequired
    }
}
