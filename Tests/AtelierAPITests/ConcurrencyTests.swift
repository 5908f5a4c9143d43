import Testing

@Suite("Concurrency through the server")
struct ConcurrencyTests {
    @Test func fiftyConcurrentAuthenticatedReadsSucceedOnFourConnections() async throws {
        try await APITestServer.with(poolSize: 4) { server in
            let (_, key) = try await server.makeTenant()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await server.send("GET", "/v1/keys", key: key).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 50)
            #expect(statuses.allSatisfy { $0 == 200 })
            #expect(server.pool.statistics.size <= 4)
        }
    }
}
