import Foundation

/// Which persons (live profiles) an evaluation covers: all of them (a membership refresh, an
/// exact preview) or a slice of the id space (a sampled preview). Profile ids are random
/// (version 4 UUIDs), so a slice of the id space is a uniform random sample of persons, and a
/// fixed slice gives the same sample every time, so two drafts of a rule compare fairly.
public enum PersonScope: Sendable, Equatable {
    case all
    /// Ids from `lower` (inclusive) to `upper` (exclusive); `fraction` of the id space.
    case slice(lower: UUID, upper: UUID, fraction: Double)

    /// The first `1 / parts` of the id space.
    public static func sample(parts: Int) -> PersonScope {
        let parts = max(parts, 1)
        let width = UInt64.max / UInt64(parts)
        return .slice(lower: UUID(leading: 0), upper: UUID(leading: width), fraction: 1 / Double(parts))
    }

    /// The SQL condition on `alias.profile_id`, its bounds bound in `parameters`.
    func condition(on alias: String, _ parameters: inout SQLParameters) -> String {
        switch self {
        case .all:
            return "TRUE"
        case .slice(let lower, let upper, _):
            let from = parameters.bind(lower, as: .uuid)
            let to = parameters.bind(upper, as: .uuid)
            return "\(alias).profile_id >= \(from) AND \(alias).profile_id < \(to)"
        }
    }
}

extension UUID {
    /// The UUID whose first 8 bytes are `value` (big-endian) and the rest zero: PostgreSQL
    /// orders uuids bytewise, so these mark even slices of the id space.
    init(leading value: UInt64) {
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
        self.init(
            uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], 0, 0, 0, 0, 0, 0, 0, 0))
    }
}
