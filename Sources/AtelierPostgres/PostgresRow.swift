/// One result row, values kept in PostgreSQL's text format until a caller asks for a type.
public struct PostgresRow: Sendable {
    let layout: PostgresColumnLayout
    let values: [String?]

    /// Column names, in result order.
    public var columns: [String] { layout.names }

    /// The value of `column` as `T`; `T?` accepts NULL. A NULL into a non-optional type or
    /// an unreadable value throws `PostgresError.Kind.decoding` naming the column.
    public func decode<T: PostgresDecodable>(_ type: T.Type, column: String) throws -> T {
        guard let index = layout.index(of: column) else {
            throw PostgresError(
                kind: .columnNotFound(column),
                message: "the result has no column \"\(column)\"; it has \(layout.names.joined(separator: ", "))",
                query: layout.query)
        }
        return try decode(type, index: index, name: column)
    }

    /// The value at 0-based column `index`, for results whose columns are unnamed or repeated.
    public func decode<T: PostgresDecodable>(_ type: T.Type, at index: Int) throws -> T {
        guard values.indices.contains(index) else {
            throw PostgresError(
                kind: .columnNotFound("#\(index)"),
                message: "the result has \(values.count) column(s); there is no column at index \(index)",
                query: layout.query)
        }
        return try decode(type, index: index, name: layout.names[index])
    }

    /// Whether `column` is NULL. A column missing from the result also reads as NULL: check
    /// `columns` when the difference matters.
    public func isNull(_ column: String) -> Bool {
        guard let index = layout.index(of: column) else { return true }
        return values[index] == nil
    }

    private func decode<T: PostgresDecodable>(_ type: T.Type, index: Int, name: String) throws -> T {
        do {
            guard let text = values[index] else { return try T.postgresNull(column: name) }
            return try T(postgresText: text, column: name)
        } catch var error as PostgresError {
            if error.query.isEmpty { error.query = layout.query }
            throw error
        }
    }
}
