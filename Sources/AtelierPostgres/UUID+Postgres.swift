import Foundation

/// `uuid`, written in the lower-case form PostgreSQL itself prints.
extension UUID: PostgresArrayElement {
    public var postgresText: String? { uuidString.lowercased() }

    public init(postgresText: String, column: String) throws {
        guard let value = UUID(uuidString: postgresText) else {
            throw PostgresError.decodingFailure(column: column, type: UUID.self, value: postgresText, reason: "is not a UUID")
        }
        self = value
    }
}
