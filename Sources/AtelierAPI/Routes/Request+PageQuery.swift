import AtelierREST
import Foundation

extension Request {
    /// The query parameter `name` as an ISO-8601 date-time (fractional seconds optional).
    func dateQuery(_ name: String) throws(Problem) -> Date? {
        guard let text = query(name) else { return nil }
        guard
            let date = (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
                ?? (try? Date.ISO8601FormatStyle().parse(text))
        else {
            throw Problem.badRequest(
                "The query parameter '\(name)' must be an ISO-8601 date-time.", hint: "for example 2026-11-01T00:00:00Z")
        }
        return date
    }

    /// The query parameter `name` as a boolean: exactly `true` or `false`, nil when absent.
    func booleanQuery(_ name: String) throws(Problem) -> Bool? {
        switch query(name) {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw Problem.badRequest("The query parameter '\(name)' must be true or false.")
        }
    }

    /// The `limit` query parameter, from 1 to `maximum`.
    func limitQuery(default fallback: Int, maximum: Int) throws(Problem) -> Int {
        guard let text = query("limit") else { return fallback }
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw Problem.badRequest("The query parameter 'limit' must be an integer from 1 to \(maximum).")
        }
        return limit
    }
}
