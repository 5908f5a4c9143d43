import Foundation

/// How far an erasure has got, saved with each step (in `privacy_requests.progress`) so a
/// job that is retried after a crash continues, and its receipt still counts every row.
/// Cleared when the request completes: it names the erased profiles until then.
struct ErasureProgress: Codable, Sendable, Equatable {
    var profileIDs: [UUID] = []
    var suppressed = 0
    var tables: [String: Int] = [:]

    mutating func add(_ counts: [String: Int]) {
        tables.merge(counts, uniquingKeysWith: +)
    }

    enum CodingKeys: String, CodingKey {
        case profileIDs = "profile_ids"
        case suppressed
        case tables
    }

    init() {}

    /// Reads `{}` (nothing done yet) as well as a saved step.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        profileIDs = try container.decodeIfPresent([UUID].self, forKey: .profileIDs) ?? []
        suppressed = try container.decodeIfPresent(Int.self, forKey: .suppressed) ?? 0
        tables = try container.decodeIfPresent([String: Int].self, forKey: .tables) ?? [:]
    }
}
