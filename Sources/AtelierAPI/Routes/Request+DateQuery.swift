import AtelierREST
import Foundation

extension Request {
    /// The query parameter `name` as an ISO-8601 date-time (with or without fractional
    /// seconds); nil when absent, 400 when it is not one.
    func dateQuery(_ name: String) throws -> Date? {
        try query(name).map { text throws in
            guard
                let date = (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
                    ?? (try? Date.ISO8601FormatStyle().parse(text))
            else {
                throw Problem.badRequest("The query parameter '\(name)' must be an ISO-8601 date-time.")
            }
            return date
        }
    }

    /// The query parameter `limit`, from 1 to `maximum`; `defaultValue` when absent, 400 otherwise.
    func limitQuery(default defaultValue: Int, maximum: Int) throws -> Int {
        try query("limit").map { text throws in
            guard let limit = Int(text), (1...maximum).contains(limit) else {
                throw Problem.badRequest("The query parameter 'limit' must be an integer from 1 to \(maximum).")
            }
            return limit
        } ?? defaultValue
    }
}
