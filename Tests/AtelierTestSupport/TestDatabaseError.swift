/// Why a test database could not be made.
public enum TestDatabaseError: Error, Sendable, CustomStringConvertible {
    case missingServerURL

    public var description: String {
        switch self {
        case .missingServerURL:
            "\(TestDatabase.urlVariable) is not set. Run the tests through scripts/test, which starts PostgreSQL and "
                + "sets it (or export it yourself, e.g. postgresql://atelier@127.0.0.1:54329/postgres)."
        }
    }
}
