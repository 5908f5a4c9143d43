import AtelierDomain
import AtelierREST
import Foundation

/// `/v1/track`, `/identify`, `/page`, `/screen`, `/group`, `/alias` and `/batch`: Segment's
/// HTTP Tracking API, so its libraries (and RudderStack's) can point here unchanged.
struct TrackingRoutes {
    let ingestion: IngestionService
    /// Single calls go through it, so calls arriving together share a transaction.
    let batcher: IngestionBatcher

    init(ingestion: IngestionService) {
        self.ingestion = ingestion
        batcher = IngestionBatcher(ingestion: ingestion)
    }

    /// Segment's limits: 32 KB a call, 500 KB a batch.
    static let maximumCallSize = 32 * 1024
    static let maximumBatchSize = 500 * 1024

    func register(on router: some RouteBuilder) {
        for type in TrackingCallType.allCases {
            router.post("/\(type.rawValue)", maxBodySize: Self.maximumCallSize) { [batcher] request in
                let principal = try request.principal(requiring: .eventsWrite)
                let call: TrackingCall
                do {
                    call = try SegmentCall.read(try Self.body(of: request), type: type)
                } catch let error as SegmentFieldError {
                    throw Self.problem(error)
                }
                let result = try await batcher.ingest(tenantID: principal.tenantID, call: call)
                if let rejection = result.rejections.first {
                    if case .suppressed(let refusal) = rejection.reason { throw refusal }
                    throw Self.problem(SegmentFieldError(field: rejection.field, detail: rejection.detail))
                }
                return try .json(TrackResponse())
            }
        }
        router.post("/batch", maxBodySize: Self.maximumBatchSize) { [ingestion] request in
            let principal = try request.principal(requiring: .eventsWrite)
            let envelope = try Self.body(of: request)
            guard case .array(let items)? = envelope["batch"] else {
                throw Problem.missingField("/batch", expected: "an array of Segment calls")
            }
            guard !items.isEmpty else {
                throw Problem.invalidField("/batch", expected: "a non-empty array of Segment calls")
            }
            var calls: [TrackingCall] = []
            var positions: [Int] = []
            var issues: [Problem.Issue] = []
            for (index, item) in items.enumerated() {
                do {
                    let call = try SegmentCall.read(item, type: nil, batch: envelope)
                    guard Self.size(of: call) <= Self.maximumCallSize else {
                        throw SegmentFieldError(
                            field: "", detail: "The call exceeds the \(Self.maximumCallSize)-byte limit of one event.")
                    }
                    calls.append(call)
                    positions.append(index)
                } catch let error as SegmentFieldError {
                    issues.append(Problem.Issue(index: index, field: error.field, detail: error.detail))
                }
            }
            let result = try await ingestion.ingest(tenantID: principal.tenantID, calls: calls)
            issues += result.rejections.map { Problem.Issue(index: positions[$0.index], field: $0.field, detail: $0.detail) }
            issues.sort { ($0.index ?? 0) < ($1.index ?? 0) }
            guard result.accepted + result.duplicates > 0 else {
                var problem = Problem.invalidField("/batch", expected: "made of at least one valid call")
                problem.detail = "No call of the batch could be stored; see errors."
                problem.errors = issues
                throw problem
            }
            return try .json(BatchResponse(accepted: result.accepted, duplicates: result.duplicates, errors: issues))
        }
    }

    /// The body as a JSON value, by the fast parser; a body it refuses is decoded again the
    /// standard way, which names the fault precisely.
    private static func body(of request: Request) throws(Problem) -> JSONValue {
        if let value = JSONValueParser.parse(request.http.body) { return value }
        return try request.decode(JSONValue.self)
    }

    /// The stored size of a call: its JSON members plus the scalar fields.
    private static func size(of call: TrackingCall) -> Int {
        call.properties.utf8.count + call.traits.utf8.count + call.context.utf8.count + call.integrations.utf8.count
            + call.messageID.utf8.count + (call.event?.utf8.count ?? 0) + (call.userID?.utf8.count ?? 0)
            + (call.anonymousID?.utf8.count ?? 0)
    }

    private static func problem(_ error: SegmentFieldError) -> Problem {
        var problem = Problem.invalidField(error.field, expected: "valid")
        problem.detail = error.detail
        return problem
    }
}
