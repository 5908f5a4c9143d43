import AtelierDomain
import AtelierHTTP
import AtelierREST
import Foundation

/// `/v1/privacy`: privacy requests for privacy officers (OpenDSR: erasure, access,
/// portability, restriction), their one-time exports, and the tenant's privacy settings.
/// Every route needs `privacy:manage`.
struct PrivacyRoutes {
    let requests: PrivacyRequestStore
    let exports: PrivacyExports
    let settings: PrivacySettingsStore

    func register(on router: some RouteBuilder) {
        router.post("/privacy/requests", maxBodySize: 32 * 1024) { [requests] request in
            let principal = try request.principal(requiring: .privacyManage)
            let submission = try request.decode(PrivacyRequestBody.self).submission()
            let recorded = try await requests.submit(
                tenantID: principal.tenantID, requestedBy: principal.keyID, submission)
            var headers = HTTPHeaders()
            headers.add(name: "Location", value: "/v1/privacy/requests/\(recorded.value.id.uuidString.lowercased())")
            return try .json(
                PrivacyRequestResponse(request: recorded.value), status: recorded.created ? .created : .ok,
                headers: headers)
        }
        router.get("/privacy/requests") { [requests] request in
            let principal = try request.principal(requiring: .privacyManage)
            let page = try await requests.list(tenantID: principal.tenantID, query: try Self.query(request))
            return try .json(
                PrivacyRequestPageResponse(
                    data: page.requests.map(PrivacyRequestResponse.init), nextCursor: page.nextCursor?.token))
        }
        router.get("/privacy/requests/{requestId}") { [requests] request in
            let principal = try request.principal(requiring: .privacyManage)
            let found = try await requests.find(
                tenantID: principal.tenantID, requestID: try request.parameter("requestId", as: UUID.self))
            return try .json(PrivacyRequestResponse(request: found))
        }
        router.delete("/privacy/requests/{requestId}") { [requests] request in
            let principal = try request.principal(requiring: .privacyManage)
            let cancelled = try await requests.cancel(
                tenantID: principal.tenantID, requestID: try request.parameter("requestId", as: UUID.self),
                by: principal.auditActor)
            return try .json(PrivacyRequestResponse(request: cancelled))
        }
        router.get("/privacy/requests/{requestId}/export") { [exports] request in
            let principal = try request.principal(requiring: .privacyManage)
            return try await Self.download(request, tenantID: principal.tenantID, exports: exports)
        }
        router.get("/privacy/settings") { [settings] request in
            let principal = try request.principal(requiring: .privacyManage)
            return try .json(PrivacySettingsResponse(try await settings.settings(tenantID: principal.tenantID)))
        }
        router.put("/privacy/settings", maxBodySize: 4 * 1024) { [settings] request in
            let principal = try request.principal(requiring: .privacyManage)
            let body = try request.decode(PrivacySettingsBody.self)
            let updated = try await settings.update(
                tenantID: principal.tenantID, suppressionMode: try body.mode(),
                exportTimeToLiveSeconds: body.exportTimeToLiveSeconds.map { Int(clamping: $0.value) })
            return try .json(PrivacySettingsResponse(updated))
        }
    }

    /// Streams the export chunk by chunk and deletes it afterwards, whether the download
    /// completed or not: an export is downloadable once. HEAD says whether it still is,
    /// without using the download up.
    private static func download(_ request: Request, tenantID: UUID, exports: PrivacyExports) async throws -> Response {
        let requestID = try request.parameter("requestId", as: UUID.self)
        let format =
            try request.query("format").map { text throws in
                guard let format = ExportFormat(rawValue: text) else {
                    throw Problem.badRequest("The query parameter 'format' must be json or csv.")
                }
                return format
            } ?? .json
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: format.mediaType)
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(
            name: "Content-Disposition",
            value: "attachment; filename=\"privacy-request-\(requestID.uuidString.lowercased()).\(format.rawValue)\"")
        guard request.http.method != .head else {
            let found = try await exports.peek(tenantID: tenantID, requestID: requestID, format: format)
            headers.add(name: "Content-Length", value: String(found.byteCount))
            return HTTPResponse(status: .ok, headers: headers)
        }
        let download = try await exports.claim(tenantID: tenantID, requestID: requestID, format: format)
        return HTTPResponse(
            status: .ok, headers: headers,
            stream: HTTPBodyStream(length: download.byteCount) { writer in
                do {
                    for index in 0..<download.chunkCount {
                        try await writer.write(try await exports.chunk(tenantID: tenantID, download, index: index))
                    }
                } catch {
                    try? await exports.discard(tenantID: tenantID, download)
                    throw error
                }
                try await exports.discard(tenantID: tenantID, download)
            })
    }

    private static func query(_ request: Request) throws -> PrivacyRequestQuery {
        let status = try request.query("status").map { text throws in
            guard let status = PrivacyRequestStatus(rawValue: text) else {
                throw Problem.badRequest(
                    "The query parameter 'status' must be one of "
                        + PrivacyRequestStatus.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            return status
        }
        let overdue = try request.booleanQuery("overdue")
        let limit = try request.limitQuery(default: 50, maximum: PrivacyRequestQuery.maximumLimit)
        let cursor = try request.query("cursor").map { token throws in
            do {
                return try PrivacyRequestCursor(token: token)
            } catch {
                throw Problem.badRequest(
                    "The query parameter 'cursor' is not a cursor this API issued.",
                    hint: "Pass back the next_cursor of the previous page unchanged.")
            }
        }
        return PrivacyRequestQuery(status: status, overdue: overdue, cursor: cursor, limit: limit)
    }
}
