import AtelierHTTP

/// The problem types the framework itself produces. Their `type` URIs are part of the
/// public contract: clients branch on them, so a URI is never reused for another meaning.
extension Problem {
    /// 400: the body is not syntactically valid JSON. `detail` names the position.
    public static func malformedJSON(_ detail: String) -> Problem {
        Problem(
            type: typeURI("malformed-json"), title: "Malformed JSON", status: .badRequest, detail: detail,
            hint: "Check for trailing commas, unquoted keys, single quotes or a truncated document near that position."
        )
    }

    /// 400: a body is required and none (or only whitespace) was sent.
    public static var missingBody: Problem {
        Problem(
            type: typeURI("missing-body"), title: "Missing request body", status: .badRequest,
            detail: "This endpoint requires a JSON body and the request had none.")
    }

    /// 400: the request line or a path/query parameter cannot be understood.
    public static func badRequest(_ detail: String, hint: String? = nil) -> Problem {
        Problem(type: typeURI("bad-request"), title: "Bad request", status: .badRequest, detail: detail, hint: hint)
    }

    /// 400: a path parameter does not have the expected form (e.g. not a UUID).
    public static func invalidParameter(_ name: String, expected: String) -> Problem {
        Problem(
            type: typeURI("invalid-parameter"), title: "Invalid parameter", status: .badRequest,
            detail: "The path parameter '\(name)' must be \(expected).", hint: "Send \(expected).")
    }

    /// 422: a member has the wrong type, is out of range or otherwise invalid.
    /// - Parameters:
    ///   - pointer: JSON pointer of the member, e.g. `/items/3/price`.
    ///   - expected: what would be accepted, e.g. "an integer" or "an ISO-8601 date-time".
    public static func invalidField(_ pointer: String, expected: String, hint: String? = nil) -> Problem {
        Problem(
            type: typeURI("invalid-field"), title: "Invalid field", status: .unprocessableContent,
            detail: "\(describe(pointer)) must be \(expected).", field: pointer, hint: hint)
    }

    /// 422: a required member is absent or null. Shares the `invalid-field` type: for a
    /// client both mean "this member must be fixed".
    public static func missingField(_ pointer: String, expected: String? = nil) -> Problem {
        let requirement = expected.map { " and must be \($0)" } ?? ""
        return Problem(
            type: typeURI("invalid-field"), title: "Invalid field", status: .unprocessableContent,
            detail: "\(describe(pointer)) is required\(requirement).", field: pointer)
    }

    /// 422: a member the endpoint does not know; rejected so typos do not silently drop data.
    public static func unknownField(_ pointer: String, allowed: Set<String>) -> Problem {
        Problem(
            type: typeURI("unknown-field"), title: "Unknown field", status: .unprocessableContent,
            detail: "\(describe(pointer)) is not a field of this request.", field: pointer,
            hint: "Allowed fields: \(allowed.sorted().joined(separator: ", ")).")
    }

    /// 404: nothing lives at this path, or the resource does not exist for this tenant.
    public static func notFound(_ detail: String = "No resource exists at this path.") -> Problem {
        Problem(type: typeURI("not-found"), title: "Not found", status: .notFound, detail: detail)
    }

    /// 405: the path exists but not with this method; carries the `Allow` header.
    public static func methodNotAllowed(allowed: [HTTPMethod]) -> Problem {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return Problem(
            type: typeURI("method-not-allowed"), title: "Method not allowed", status: .methodNotAllowed,
            detail: "This path does not support this method.", hint: "Allowed methods: \(list).",
            headers: ["Allow": list])
    }

    /// 415: the body's media type is not one the route reads.
    public static func unsupportedMediaType(expected: [MediaType], received: String?) -> Problem {
        let list = expected.map(\.description).joined(separator: ", ")
        let got = received.map { "'\($0)'" } ?? "no Content-Type"
        return Problem(
            type: typeURI("unsupported-media-type"), title: "Unsupported media type", status: .unsupportedMediaType,
            detail: "The request body was sent with \(got); this endpoint reads \(list).",
            hint: "Send the header 'Content-Type: \(expected.first?.description ?? "application/json")'.")
    }

    /// 401: no credentials, or credentials that do not identify anyone.
    public static func unauthorized(_ detail: String = "Valid credentials are required.") -> Problem {
        Problem(
            type: typeURI("unauthorized"), title: "Unauthorized", status: .unauthorized, detail: detail,
            headers: ["WWW-Authenticate": "Bearer"])
    }

    /// 403: the caller is known but its key lacks the scope this operation needs.
    public static func forbidden(missingScope scope: String) -> Problem {
        Problem(
            type: typeURI("forbidden"), title: "Forbidden", status: .forbidden,
            detail: "This operation requires the scope '\(scope)'.", hint: "Use an API key granted '\(scope)'.")
    }

    /// 409: the request conflicts with the current state (duplicate, idempotency-key reuse, …).
    public static func conflict(_ detail: String, hint: String? = nil) -> Problem {
        Problem(type: typeURI("conflict"), title: "Conflict", status: .conflict, detail: detail, hint: hint)
    }

    /// 413: the body is larger than this route accepts.
    public static func payloadTooLarge(limit: Int) -> Problem {
        Problem(
            type: typeURI("payload-too-large"), title: "Payload too large", status: .contentTooLarge,
            detail: "The request body exceeds the \(limit)-byte limit of this endpoint.",
            hint: "Split the data into several requests.")
    }

    /// 503: the handler did not finish within its time budget; safe to retry later.
    public static var timeout: Problem {
        Problem(
            type: typeURI("handler-timeout"), title: "Request timed out", status: .serviceUnavailable,
            detail: "The server did not finish handling the request in time.",
            hint: "Retry later; writes are idempotent when sent with the same Idempotency-Key.",
            headers: ["Retry-After": "1"])
    }

    /// 500: an unexpected failure. Deliberately says nothing about the cause: the cause
    /// is in the log under the request id.
    public static var internalError: Problem {
        Problem(
            type: typeURI("internal-error"), title: "Internal server error", status: .internalServerError,
            detail: "The server failed to handle the request.",
            hint: "Quote the requestId when reporting this error.")
    }

    /// 503: a dependency (database, queue) is unavailable or the server is shedding load.
    public static func serviceUnavailable(
        _ detail: String = "The service is temporarily unavailable.", retryAfterSeconds: Int? = nil
    ) -> Problem {
        var headers = HTTPHeaders()
        if let retryAfterSeconds { headers.add(name: "Retry-After", value: String(retryAfterSeconds)) }
        return Problem(
            type: typeURI("service-unavailable"), title: "Service unavailable", status: .serviceUnavailable,
            detail: detail, headers: headers)
    }

    private static func describe(_ pointer: String) -> String {
        pointer.isEmpty ? "The request body" : "The field '\(pointer)'"
    }
}
