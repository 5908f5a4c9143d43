import AtelierHTTP

/// Runs `next` and reports its status and duration whether it returned or threw, so
/// logging and metrics count failures with the status the client will receive.
enum RequestTiming {
    static func measure(
        _ request: Request, next: RouteHandler, report: (_ status: Int, _ duration: Duration) -> Void
    ) async throws -> HTTPResponse {
        let start = ContinuousClock.now
        do {
            let response = try await next(request)
            report(response.status.code, ContinuousClock.now - start)
            return response
        } catch {
            report(ErrorMiddleware.problem(for: error).status, ContinuousClock.now - start)
            throw error
        }
    }
}
