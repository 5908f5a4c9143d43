import AtelierPostgres
import AtelierREST

/// A request that found no free database connection in time, or no database, is refused 503
/// with `Retry-After` (the client's cue to back off), not 500: nothing is broken but capacity.
extension PostgresError: UnavailabilityReporting {
    public var meansServiceUnavailable: Bool {
        switch kind {
        case .poolTimeout, .poolClosed, .connectionFailure: true
        default: false
        }
    }
}
