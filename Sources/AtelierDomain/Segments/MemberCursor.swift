import AtelierPostgres
import Foundation

/// The open cursor of an evaluation (`segment_members`), on its purpose pool's connection;
/// valid only inside `SegmentEvaluator.withMembers`.
struct MemberCursor: Sendable {
    let connection: PostgresConnection
    var batchSize = 10_000

    /// The next ids, empty once every member was read.
    func next() async throws -> [UUID] {
        try await connection.query("FETCH FORWARD \(batchSize) FROM segment_members").map {
            try $0.decode(UUID.self, column: "profile_id")
        }
    }

    /// The ids as COPY rows, one batch per fetch, fetched only when the consumer asks.
    var rows: Batches { Batches(cursor: self) }

    struct Batches: AsyncSequence {
        typealias Element = [[String?]]
        let cursor: MemberCursor

        func makeAsyncIterator() -> Iterator { Iterator(cursor: cursor) }

        struct Iterator: AsyncIteratorProtocol {
            let cursor: MemberCursor
            var finished = false

            mutating func next() async throws -> [[String?]]? {
                guard !finished else { return nil }
                let ids = try await cursor.next()
                if ids.isEmpty {
                    finished = true
                    return nil
                }
                return ids.map { [$0.uuidString] }
            }
        }
    }
}
