import AtelierPostgres
import Foundation
import Testing

@Suite("Transactions and savepoints")
struct TransactionTests {
    private struct Abort: Error {}

    private func count(_ pool: PostgresPool, _ table: String = "ledger") async throws -> Int {
        try #require(try await pool.query("SELECT count(*) AS n FROM \(table)").first).decode(Int.self, column: "n")
    }

    @Test func aTransactionCommitsWhenItsBodyReturns() async throws {
        try await withPool { pool in
            try await pool.execute("CREATE TABLE ledger (amount int)")
            let value = try await pool.transaction { connection in
                try await connection.execute("INSERT INTO ledger VALUES (1), (2)")
            }
            #expect(value == 2)
            #expect(try await count(pool) == 2)
        }
    }

    @Test func aThrownErrorRollsTheWholeTransactionBack() async throws {
        try await withPool { pool in
            try await pool.execute("CREATE TABLE ledger (amount int)")
            await #expect(throws: Abort.self) {
                try await pool.transaction { connection in
                    try await connection.execute("INSERT INTO ledger VALUES (1)")
                    throw Abort()
                }
            }
            #expect(try await count(pool) == 0)
        }
    }

    @Test func aFailingSavepointRollsBackOnlyItsOwnChanges() async throws {
        try await withPool { pool in
            try await pool.execute("CREATE TABLE ledger (amount int UNIQUE)")
            try await pool.transaction { connection in
                try await connection.execute("INSERT INTO ledger VALUES (1)")
                await #expect(throws: PostgresError.self) {
                    try await connection.savepoint { inner in
                        try await inner.execute("INSERT INTO ledger VALUES (2)")
                        try await inner.execute("INSERT INTO ledger VALUES (1)")
                    }
                }
                try await connection.savepoint { inner in
                    try await inner.execute("INSERT INTO ledger VALUES (3)")
                }
            }
            let amounts = try await pool.query("SELECT amount FROM ledger ORDER BY amount")
            #expect(try amounts.map { try $0.decode(Int.self, column: "amount") } == [1, 3])
        }
    }

    @Test func committingAfterACaughtStatementFailureThrowsInsteadOfSilentlyRollingBack() async throws {
        try await withPool { pool in
            try await pool.execute("CREATE TABLE ledger (amount int UNIQUE)")
            await #expect(throws: PostgresError.self) {
                try await pool.transaction { connection in
                    try await connection.execute("INSERT INTO ledger VALUES (1)")
                    _ = try? await connection.execute("INSERT INTO ledger VALUES (1)")
                }
            }
            #expect(try await count(pool) == 0)
        }
    }

    @Test func aNestedTransactionIsRefused() async throws {
        try await withPool { pool in
            await #expect(throws: PostgresError.self) {
                try await pool.transaction { connection in
                    try await connection.transaction { _ in }
                }
            }
        }
    }

    @Test func aTransactionLeftOpenIsRolledBackWhenTheConnectionReturns() async throws {
        try await withPool(size: 1) { pool in
            try await pool.execute("CREATE TABLE ledger (amount int)")
            try await pool.withConnection { connection in
                try await connection.execute("BEGIN")
                try await connection.execute("INSERT INTO ledger VALUES (1)")
            }
            // The pool has one connection: had the transaction stayed open, this same session would see its row.
            #expect(try await count(pool) == 0)
        }
    }

    @Test func conflictingSerializableTransactionsBothSucceedWhenRetried() async throws {
        try await withPool { pool in
            try await pool.execute("CREATE TABLE doctors (name text PRIMARY KEY, on_call bool NOT NULL)")
            try await pool.execute("INSERT INTO doctors VALUES ('alice', true), ('bob', true)")
            let barrier = Barrier(parties: 2)
            let attempts = AttemptCounter()
            // Write skew: each sees two doctors on call, so each takes a different one off call.
            @Sendable func goOffCall(_ name: String) async throws {
                try await pool.transaction(isolation: .serializable, retryingSerializationFailures: 5) { connection in
                    let attempt = attempts.increment()
                    let onCall = try await connection.query("SELECT count(*) AS n FROM doctors WHERE on_call")
                    if attempt <= 2 { await barrier.arrive() }
                    if try onCall.first?.decode(Int.self, column: "n") ?? 0 >= 2 {
                        try await connection.execute("UPDATE doctors SET on_call = false WHERE name = $1", [name])
                    }
                }
            }
            async let first: Void = goOffCall("alice")
            async let second: Void = goOffCall("bob")
            _ = try await (first, second)
            // At least one retry (3 attempts); on a saturated machine both may be retried again,
            // within the 5 retries each allows.
            #expect((3...12).contains(attempts.value))
            let remaining = try await pool.query("SELECT count(*) AS n FROM doctors WHERE on_call")
            #expect(try remaining.first?.decode(Int.self, column: "n") == 1)
        }
    }
}

/// Lets `parties` tasks wait for each other once.
actor Barrier {
    private let parties: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) {
        self.parties = parties
    }

    func arrive() async {
        arrived += 1
        if arrived >= parties {
            waiting.forEach { $0.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}

/// A thread-safe counter for attempts made inside transaction bodies.
final class AttemptCounter: @unchecked Sendable {  // `count` is only touched under `lock`
    private let lock = NSLock()
    private var count = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
