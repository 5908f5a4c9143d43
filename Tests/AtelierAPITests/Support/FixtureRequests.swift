/// Fixture loading through the API: a request that must succeed, or the fixture fails with
/// what the server said.
enum FixtureRequests {
    static func expect(
        _ statuses: Set<Int>, _ server: APITestServer, key: String, _ method: String, _ path: String, json: String,
        what: String
    ) async throws {
        let response = try await server.send(method, path, key: key, json: json)
        guard statuses.contains(response.status) else {
            throw RawHTTPClient.Failure(description: "\(what) not recorded: \(response.status) \(response.text)")
        }
    }
}
