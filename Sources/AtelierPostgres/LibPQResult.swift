import Foundation
import CLibPQ

/// Reads a `PGresult` into Swift values: rows for success, a classified `PostgresError`
/// for failure. Clears nothing; the caller owns the result.
enum LibPQResult {
    static func rows(_ result: OpaquePointer, query: String) -> PostgresRows {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let names = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        let layout = PostgresColumnLayout(names: names, query: query)
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<Int32(rowCount) {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, row, column)))
                }
            }
            rows.append(PostgresRow(layout: layout, values: values))
        }
        return PostgresRows(columns: names, rows: rows, affectedRows: affectedRows(result))
    }

    static func affectedRows(_ result: OpaquePointer) -> Int {
        Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// The server's error fields; `connectionFailure` whenever the connection itself is gone,
    /// whatever the SQLSTATE, so the pool knows to reconnect.
    static func error(_ result: OpaquePointer?, connection: OpaquePointer, query: String) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let result, let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else {
                return nil
            }
            return String(cString: value)
        }
        let sqlState = field("C")
        let connectionLost = PQstatus(connection) != CONNECTION_OK
        let kind: PostgresError.Kind =
            connectionLost ? .connectionFailure : sqlState.map(PostgresError.kind(forSQLState:)) ?? .other
        let message = field("M") ?? connectionMessage(connection)
        return PostgresError(
            kind: kind, message: message, sqlState: sqlState, detail: field("D"), hint: field("H"),
            constraint: field("n"), table: field("t"), column: field("c"), position: field("P").flatMap { Int($0) },
            query: query)
    }

    static func connectionMessage(_ connection: OpaquePointer?) -> String {
        guard let connection, let message = PQerrorMessage(connection) else { return "no connection" }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "unknown libpq error" : text
    }
}
