import AtelierDomain
import Foundation

/// A version of `GET /v1/models/{kind}/versions`: its JSON members (parameters, data window,
/// row counts, metrics) as the pipeline recorded them.
struct ModelVersionResponse: Encodable {
    var version: ModelVersion

    enum CodingKeys: String, CodingKey {
        case kind, version, status, algorithm, parameters, dataWindow, rowCounts, metrics, decision, trainingSeconds,
            peakMemoryBytes, jobId, createdAt, trainedAt, promotedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version.kind.rawValue, forKey: .kind)
        try container.encode(version.version, forKey: .version)
        try container.encode(version.status.rawValue, forKey: .status)
        try container.encode(version.algorithm, forKey: .algorithm)
        try container.encode(JSONValue.parse(version.parameters) ?? .null, forKey: .parameters)
        try container.encode(JSONValue.parse(version.dataWindow) ?? .null, forKey: .dataWindow)
        try container.encode(JSONValue.parse(version.rowCounts) ?? .null, forKey: .rowCounts)
        try container.encode(JSONValue.parse(version.metrics) ?? .null, forKey: .metrics)
        try container.encode(version.decision, forKey: .decision)
        try container.encode(version.trainingSeconds, forKey: .trainingSeconds)
        try container.encode(version.peakMemoryBytes, forKey: .peakMemoryBytes)
        try container.encode(version.jobID?.lowercasedString, forKey: .jobId)
        try container.encode(version.createdAt, forKey: .createdAt)
        try container.encode(version.trainedAt, forKey: .trainedAt)
        try container.encode(version.promotedAt, forKey: .promotedAt)
    }
}
