/// A domain error that knows which problem it is for a client.
///
/// The REST layer cannot know the domain's errors, and the domain must not know
/// HTTP; conforming (in the API target) lets the error middleware turn a thrown
/// domain error into its problem without a central switch over every error type.
public protocol ProblemConvertible: Error {
    /// The problem sent to the client; never include secrets or internal identifiers.
    var problem: Problem { get }
}

extension Problem: ProblemConvertible {
    public var problem: Problem { self }
}
