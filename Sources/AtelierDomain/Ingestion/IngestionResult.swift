/// What happened to a batch: how many calls were stored, how many were repeats of a
/// message already stored, and which were refused, by position.
public struct IngestionResult: Sendable, Equatable {
    public struct Rejection: Sendable, Equatable {
        /// Position in the submitted list.
        public var index: Int
        /// JSON pointer inside that call.
        public var field: String
        public var detail: String

        public init(index: Int, field: String, detail: String) {
            self.index = index
            self.field = field
            self.detail = detail
        }
    }

    public var accepted: Int
    public var duplicates: Int
    public var rejections: [Rejection]

    public init(accepted: Int, duplicates: Int, rejections: [Rejection]) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.rejections = rejections
    }
}
