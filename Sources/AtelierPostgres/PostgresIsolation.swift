/// Transaction isolation levels. Serializable is the one that makes concurrent
/// read-modify-write logic correct without explicit locks, at the price of retries
/// (see `PostgresPool.transaction(isolation:retryingSerializationFailures:_:)`).
public enum PostgresIsolation: Sendable, Hashable {
    case readCommitted
    case repeatableRead
    case serializable

    var beginStatement: String {
        switch self {
        case .readCommitted: "BEGIN ISOLATION LEVEL READ COMMITTED"
        case .repeatableRead: "BEGIN ISOLATION LEVEL REPEATABLE READ"
        case .serializable: "BEGIN ISOLATION LEVEL SERIALIZABLE"
        }
    }
}
