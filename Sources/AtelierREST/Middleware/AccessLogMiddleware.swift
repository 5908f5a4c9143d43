import AtelierHTTP
import Logging

/// One structured info line per request: enough to follow a request (request id), to
/// aggregate by endpoint (route pattern, not path) and to see who called (remote).
public struct AccessLogMiddleware: Middleware {
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func handle(_ request: Request, next: @escaping RouteHandler) async throws -> HTTPResponse {
        try await RequestTiming.measure(request, next: next) { status, duration in
            logger.info(
                "request",
                metadata: [
                    "method": .string(request.http.method.rawValue),
                    "route": .string(request.route ?? "unmatched"),
                    "path": .string(request.http.path),
                    "status": .stringConvertible(status),
                    "duration_ms": .string(Self.milliseconds(duration)),
                    "request_id": .string(request.requestID),
                    "remote": .string(request.http.remoteAddress),
                ])
        }
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let fraction = String(micros % 1000)
        return "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
