/// Text as-is, for `text`, `varchar`, and any column read as its text form.
extension String: PostgresArrayElement {
    public var postgresText: String? { self }

    public init(postgresText: String, column: String) throws {
        self = postgresText
    }
}
