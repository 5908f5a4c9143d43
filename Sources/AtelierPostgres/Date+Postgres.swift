import Foundation

/// `timestamptz` (and `timestamp`, read as UTC, and `date`, read as UTC midnight), with
/// microsecond precision, PostgreSQL's own resolution.
extension Date: PostgresArrayElement {
    public var postgresText: String? { PostgresTimestamp.format(self) }

    public init(postgresText: String, column: String) throws {
        guard let value = PostgresTimestamp.parse(postgresText) else {
            throw PostgresError.decodingFailure(
                column: column, type: Date.self, value: postgresText, reason: "is not an ISO timestamp")
        }
        self = value
    }
}
