/// A member of a Segment call that cannot be accepted; reported as a problem for a single
/// call, or as one entry of `errors` for a batch.
struct SegmentFieldError: Error, Sendable {
    /// JSON pointer inside the call.
    var field: String
    var detail: String
}
