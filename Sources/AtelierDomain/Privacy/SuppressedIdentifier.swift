/// A write refused because it names an identifier erased on request (issue 4): the data
/// subject asked to be forgotten, and their data must not come back. Carries no value.
public struct SuppressedIdentifier: Error, Sendable, Equatable, CustomStringConvertible {
    /// JSON pointer of the member carrying the identifier.
    public var field: String
    public var identifierType: String

    public init(field: String, identifierType: String) {
        self.field = field
        self.identifierType = identifierType
    }

    public var description: String { "\(field) names a \(identifierType) whose owner was erased on request" }
}
