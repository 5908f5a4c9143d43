import AtelierHTTP

/// Answers 503 handler-timeout when the layers inside take longer than `timeout`, so a
/// slow dependency cannot hold a client (and a connection) indefinitely.
///
/// The handler runs in a task group against a sleeping timer; whichever finishes first
/// wins and the other is cancelled. The response waits until the cancelled handler
/// returns, so handlers must honour cancellation (Task.sleep, checked loops, database
/// calls that cancel their query) for the timeout to be prompt.
public struct TimeoutMiddleware: Middleware {
    public let timeout: Duration

    public init(timeout: Duration) {
        self.timeout = timeout
    }

    public func handle(_ request: Request, next: @escaping RouteHandler) async throws -> HTTPResponse {
        let timeout = timeout
        return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask { try await next(request) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw Problem.timeout
            }
            return response
        }
    }
}
