/// `boolean`, which PostgreSQL writes as `t` / `f`.
extension Bool: PostgresArrayElement {
    public var postgresText: String? { self ? "true" : "false" }

    public init(postgresText: String, column: String) throws {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default:
            throw PostgresError.decodingFailure(column: column, type: Bool.self, value: postgresText, reason: "is not a boolean")
        }
    }
}
