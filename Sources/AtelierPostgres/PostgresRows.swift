/// The complete result of one statement: its rows, column names, and how many rows the
/// statement touched (`INSERT`/`UPDATE`/`DELETE`/`COPY` count; `SELECT` counts rows returned).
///
/// Results are fully buffered, which keeps connections short-lived; page large reads with
/// `LIMIT` and cursors (keyset pagination) rather than one huge SELECT.
public struct PostgresRows: RandomAccessCollection, Sendable {
    public let columns: [String]
    public let rows: [PostgresRow]
    public let affectedRows: Int

    init(columns: [String], rows: [PostgresRow], affectedRows: Int) {
        self.columns = columns
        self.rows = rows
        self.affectedRows = affectedRows
    }

    public var startIndex: Int { rows.startIndex }
    public var endIndex: Int { rows.endIndex }

    public subscript(position: Int) -> PostgresRow {
        rows[position]
    }
}
