/// An error of a lower layer that can say it means "the service cannot take this request now"
/// (every database connection busy, the database unreachable) rather than "the server is
/// broken".
///
/// The error middleware answers such an error 503 with `Retry-After`, so a client under
/// overload backs off and retries instead of reporting a server bug; the cause is still logged
/// with the request id, and nothing of it reaches the client. Conformance is per type, the
/// answer per value: only some failures of a type (a pool timeout, not a syntax error) qualify.
public protocol UnavailabilityReporting: Error {
    /// True when this failure is the service being temporarily unavailable.
    var meansServiceUnavailable: Bool { get }
}
