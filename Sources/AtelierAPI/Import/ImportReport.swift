import AtelierREST

/// What an import did, line by line: counts, and the first rejected lines with the field
/// and reason, so a client can fix its file and resend only those.
public struct ImportReport: Encodable, Sendable {
    static let maximumListedErrors = 1000

    public struct LineError: Encodable, Sendable {
        public var line: Int
        public var field: String?
        public var detail: String
    }

    public var kind: String
    public var lines = 0
    public var accepted = 0
    public var duplicates = 0
    public var rejected = 0
    public var errors: [LineError] = []

    init(kind: ImportKind) {
        self.kind = kind.rawValue
    }

    mutating func reject(line: Int, field: String?, detail: String) {
        rejected += 1
        if errors.count < Self.maximumListedErrors { errors.append(LineError(line: line, field: field, detail: detail)) }
    }

    mutating func reject(line: Int, problem: Problem) {
        reject(line: line, field: problem.field, detail: problem.detail)
    }
}
