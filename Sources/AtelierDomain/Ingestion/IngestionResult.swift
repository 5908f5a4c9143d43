/// What happened to a batch: how many calls were stored, how many were repeats of a
/// message already stored, and which were refused, by position.
public struct IngestionResult: Sendable, Equatable {
    public struct Rejection: Sendable, Equatable {
        /// Why a call was refused: invalid, or naming an identifier erased on request.
        public enum Reason: Sendable, Equatable {
            case invalid
            case suppressed(SuppressedIdentifier)
        }

        /// Position in the submitted list.
        public var index: Int
        /// JSON pointer inside that call.
        public var field: String
        public var detail: String
        public var reason: Reason

        public init(index: Int, field: String, detail: String, reason: Reason = .invalid) {
            self.index = index
            self.field = field
            self.detail = detail
            self.reason = reason
        }
    }

    /// Calls stored, plus those dropped silently because they carry an identifier erased on
    /// request (when the tenant chose to drop rather than refuse them).
    public var accepted: Int
    public var duplicates: Int
    public var rejections: [Rejection]
    /// The positions of the duplicates, when the ingestion knows them.
    public var duplicateIndices: Set<Int>

    public init(accepted: Int, duplicates: Int, rejections: [Rejection], duplicateIndices: Set<Int> = []) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.rejections = rejections
        self.duplicateIndices = duplicateIndices
    }
}
