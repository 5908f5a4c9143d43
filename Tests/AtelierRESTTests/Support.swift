import AtelierHTTP
import AtelierREST
import Foundation
import Logging

/// Builds an application around routes declared by a test, with logs discarded.
func makeApplication(
    middleware: [any Middleware] = [], _ declare: (Router) -> Void
) throws -> Application {
    let router = Router()
    declare(router)
    return Application(routes: try router.freeze(), middleware: middleware, logger: quietLogger)
}

let quietLogger = Logger(label: "atelier.rest.tests") { _ in SwiftLogNoOpLogHandler() }

func get(_ target: String, headers: HTTPHeaders = HTTPHeaders()) -> HTTPRequest {
    HTTPRequest(method: .get, target: target, headers: headers)
}

func postJSON(_ target: String, _ body: String, contentType: String? = "application/json") -> HTTPRequest {
    var headers = HTTPHeaders()
    if let contentType { headers.add(name: "Content-Type", value: contentType) }
    return HTTPRequest(method: .post, target: target, headers: headers, body: Array(body.utf8))
}

/// The problem in a response body; nil when the body is not one.
func problem(in response: HTTPResponse) -> Problem? {
    try? JSONDecoder().decode(Problem.self, from: Data(response.body))
}

func text(of response: HTTPResponse) -> String {
    String(decoding: response.body, as: UTF8.self)
}

/// Echoes the decoded body back as JSON, so tests see what decoding produced.
func echo<T: Codable & Sendable>(_ type: T.Type) -> RouteHandler {
    { request in try .json(request.decode(T.self)) }
}
