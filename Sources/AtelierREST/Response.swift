import AtelierHTTP
import Foundation

/// Handlers return `HTTPResponse`; `Response` is the name they read it by.
public typealias Response = HTTPResponse

/// Builders for the responses handlers return, so every JSON body and every problem
/// is encoded the same way (see `JSONCoders`) with the right `Content-Type`.
extension HTTPResponse {
    /// A JSON body. Throws when the value cannot be encoded (e.g. a non-finite Double):
    /// that is a server bug, and throwing lets the error middleware log it and answer 500.
    public static func json(
        _ value: some Encodable, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()
    ) throws -> HTTPResponse {
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        return HTTPResponse(status: status, headers: headers, body: Array(try JSONCoders.encoder.encode(value)))
    }

    /// 204 with no body.
    public static var noContent: HTTPResponse {
        HTTPResponse(status: .noContent)
    }

    /// A text body, UTF-8 encoded (metrics exposition, health checks).
    public static func text(
        _ text: String, status: HTTPStatus = .ok, contentType: String = "text/plain; charset=utf-8"
    ) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }

    /// An `application/problem+json` response carrying the problem's status and headers.
    public static func problem(_ problem: Problem) -> HTTPResponse {
        var headers = problem.headers
        headers.replaceOrAdd(name: "Content-Type", value: "application/problem+json")
        // A Problem holds only strings and integers, which always encode; the fallback
        // exists because the encoder's signature throws.
        let body = (try? JSONCoders.encoder.encode(problem)).map(Array.init) ?? Array("{\"status\":\(problem.status)}".utf8)
        return HTTPResponse(status: problem.httpStatus, headers: headers, body: body)
    }
}
