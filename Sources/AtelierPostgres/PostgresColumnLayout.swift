/// The column names of one result, shared by all its rows, with a name index so that
/// `row.decode(_:column:)` is a dictionary lookup, not a scan.
struct PostgresColumnLayout: Sendable {
    let names: [String]
    let query: String
    private let indexByName: [String: Int]

    init(names: [String], query: String) {
        self.names = names
        self.query = query
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil {
            index[name] = position
        }
        self.indexByName = index
    }

    /// The first column with that name (a join may repeat a name; alias it to reach the others).
    func index(of name: String) -> Int? {
        indexByName[name]
    }
}
