import AtelierHTTP
import Foundation
import Logging

/// Turns whatever a handler throws into the response the client gets.
///
/// A `Problem` or `ProblemConvertible` becomes that problem; an `UnavailabilityReporting`
/// error that says so becomes 503 with `Retry-After`; anything else becomes a
/// 500 internal-error whose body says nothing about the cause — the cause is logged
/// with the request id instead, so internals (SQL, paths, hostnames) never leak.
/// Every problem leaves stamped with the request id. `Application` installs it next to
/// the routes, so logging and metrics middleware see a status, not an error.
public struct ErrorMiddleware: Middleware {
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func handle(_ request: Request, next: @escaping RouteHandler) async throws -> HTTPResponse {
        do {
            return Self.stampingRequestID(on: try await next(request), id: request.requestID)
        } catch {
            return response(for: error, to: request)
        }
    }

    /// The problem response for `error`, logged when it is the server's fault.
    public func response(for error: any Error, to request: Request) -> HTTPResponse {
        var problem = Self.problem(for: error)
        problem.requestId = request.requestID
        if problem.status >= 500 {
            var metadata: Logger.Metadata = [
                "request_id": .string(request.requestID), "route": .string(request.route ?? "unmatched"),
                "problem": .string(problem.type),
            ]
            if !(error is any ProblemConvertible) { metadata["error"] = .string(String(reflecting: error)) }
            if let diagnostic = problem.diagnostic { metadata["diagnostic"] = .string(diagnostic) }
            logger.error("request failed", metadata: metadata)
        }
        return .problem(problem)
    }

    /// The problem a thrown error stands for; logging and metrics use its status.
    /// A request's task is cancelled when it overruns the transport's responder deadline
    /// (`HTTPServerConfiguration.Timeouts.responder`); whatever the handler then throws — a
    /// `CancellationError`, a cancelled query — is that timeout.
    public static func problem(for error: any Error) -> Problem {
        if let convertible = error as? any ProblemConvertible { return convertible.problem }
        if let failure = error as? any UnavailabilityReporting, failure.meansServiceUnavailable {
            return .serviceUnavailable("The service is busy or cannot reach its database; retry shortly.", retryAfterSeconds: 1)
        }
        if error is CancellationError || Task.isCancelled { return .timeout }
        return .internalError
    }

    /// A handler may return `.problem(…)` instead of throwing; it gets the id too.
    private static func stampingRequestID(on response: HTTPResponse, id: String) -> HTTPResponse {
        guard response.headers["Content-Type"] == "application/problem+json",
            var problem = try? JSONCoders.decoder.decode(Problem.self, from: Data(response.body)),
            problem.requestId == nil
        else { return response }
        problem.requestId = id
        problem.headers = response.headers
        var stamped = HTTPResponse.problem(problem)
        stamped.status = response.status
        return stamped
    }
}
