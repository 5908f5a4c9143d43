/// The statements one connection has prepared, by SQL text, so repeated queries skip
/// parsing and planning. Bounded: past `capacity` new texts run unprepared instead.
struct PreparedStatementCache {
    private var names: [String: String] = [:]
    private var counter = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func name(for sql: String) -> String? {
        names[sql]
    }

    /// A fresh statement name for `sql`, or nil when the cache is full.
    mutating func reserveName(for sql: String) -> String? {
        guard names.count < capacity else { return nil }
        counter += 1
        let name = "s\(counter)"
        names[sql] = name
        return name
    }

    mutating func forget(_ sql: String) {
        names[sql] = nil
    }

    /// After a reconnect the server has none of them.
    mutating func removeAll() {
        names.removeAll()
    }
}
