import AtelierDomain
import Foundation

/// `Job` in the OpenAPI schema; `result` is the handler's JSON, embedded as JSON.
struct JobResponse: Encodable {
    var job: Job

    enum CodingKeys: String, CodingKey {
        case id, kind, status, attempts, maxAttempts, runAt, lastError, result, createdAt, startedAt, finishedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(job.id.uuidString.lowercased(), forKey: .id)
        try container.encode(job.kind, forKey: .kind)
        try container.encode(job.status.rawValue, forKey: .status)
        try container.encode(job.attempts, forKey: .attempts)
        try container.encode(job.maxAttempts, forKey: .maxAttempts)
        try container.encode(job.runAt, forKey: .runAt)
        try container.encode(job.lastError, forKey: .lastError)
        try container.encode(job.result.flatMap(JSONValue.parse) ?? .null, forKey: .result)
        try container.encode(job.createdAt, forKey: .createdAt)
        try container.encode(job.startedAt, forKey: .startedAt)
        try container.encode(job.finishedAt, forKey: .finishedAt)
    }
}
