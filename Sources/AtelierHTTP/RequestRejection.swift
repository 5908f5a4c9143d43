/// A request the transport refuses before any responder sees it. Each carries the
/// status and a stable problem type so clients can tell causes apart, and becomes
/// an `application/problem+json` response after which the connection is closed.
struct RequestRejection: Error, Equatable, Sendable {
    let status: HTTPStatus
    /// Last path segment of the problem type URI, e.g. "malformed-request".
    let problemType: String
    let detail: String

    static func malformed(_ detail: String) -> RequestRejection {
        RequestRejection(status: .badRequest, problemType: "malformed-request", detail: detail)
    }

    static let requestLineTooLong = RequestRejection(
        status: .uriTooLong, problemType: "request-line-too-long",
        detail: "The request line is longer than the server accepts.")

    static let headersTooLarge = RequestRejection(
        status: .requestHeaderFieldsTooLarge, problemType: "headers-too-large",
        detail: "The header section is larger than the server accepts.")

    static let tooManyHeaders = RequestRejection(
        status: .requestHeaderFieldsTooLarge, problemType: "too-many-headers",
        detail: "The request carries more header fields than the server accepts.")

    static func bodyTooLarge(limit: Int) -> RequestRejection {
        RequestRejection(
            status: .contentTooLarge, problemType: "body-too-large",
            detail: "The request body is larger than the \(limit) bytes this endpoint accepts.")
    }

    static let headerTimeout = RequestRejection(
        status: .requestTimeout, problemType: "request-timeout",
        detail: "The request header section was not received in time.")

    static let bodyTimeout = RequestRejection(
        status: .requestTimeout, problemType: "request-timeout",
        detail: "The request body was not received in time.")

    static let bodyNotStored = RequestRejection(
        status: .serviceUnavailable, problemType: "body-not-stored",
        detail: "The server could not keep the request body (its spool storage is full or missing); retry later.")

    static let unsupportedVersion = RequestRejection(
        status: .httpVersionNotSupported, problemType: "unsupported-http-version",
        detail: "Only HTTP/1.0 and HTTP/1.1 are supported.")

    /// The RFC 9457 response that tells the client what was wrong.
    var response: HTTPResponse {
        var json = #"{"type":"https://atelier.dev/problems/"#
        json += problemType
        json += #"","title":""#
        json += Self.jsonEscaped(status.reasonPhrase)
        json += #"","status":"#
        json += String(status.code)
        json += #","detail":""#
        json += Self.jsonEscaped(detail)
        json += #""}"#
        return HTTPResponse(
            status: status,
            headers: ["Content-Type": "application/problem+json"],
            body: Array(json.utf8))
    }

    private static func jsonEscaped(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
