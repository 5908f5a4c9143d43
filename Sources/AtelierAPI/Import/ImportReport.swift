import AtelierREST

/// What an import did, line by line: counts, and the first rejected lines with the field
/// and reason, so a client can fix its file and resend only those.
struct ImportReport: Encodable {
    static let maximumListedErrors = 1000

    struct LineError: Encodable {
        var line: Int
        var field: String?
        var detail: String
    }

    var kind: String
    var lines = 0
    var accepted = 0
    var duplicates = 0
    var rejected = 0
    var errors: [LineError] = []

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
