import Foundation

/// A unit of background work. Kinds are namespaced (`train:recommender`,
/// `maintenance:purge_idempotency_keys`); the payload is JSON the job's handler defines.
public struct Job: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case queued, running, succeeded, dead, cancelled
    }

    public var id: UUID
    /// Nil for system jobs that belong to no tenant.
    public var tenantID: UUID?
    public var kind: String
    public var payload: String
    public var status: Status
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var lastError: String?
    public var result: String?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
}
