import Foundation

/// What to write to the audit log: the part of an entry the caller decides. The log adds
/// the sequence, the time and the hashes when it appends.
public struct AuditRecord: Sendable, Hashable {
    public var tenantID: UUID
    public var actor: AuditActor
    public var action: AuditAction
    public var target: AuditTarget?
    public var outcome: AuditOutcome
    public var detail: AuditDetail

    public init(
        tenantID: UUID, actor: AuditActor, action: AuditAction, target: AuditTarget? = nil,
        outcome: AuditOutcome = .success, detail: AuditDetail = [:]
    ) {
        self.tenantID = tenantID
        self.actor = actor
        self.action = action
        self.target = target
        self.outcome = outcome
        self.detail = detail
    }

    /// This record with another outcome, e.g. the refusal of what it describes.
    public func with(outcome: AuditOutcome) -> AuditRecord {
        var copy = self
        copy.outcome = outcome
        return copy
    }

    /// This record with `detail`, e.g. once the action's result is known.
    public func with(detail: AuditDetail) -> AuditRecord {
        var copy = self
        copy.detail = detail
        return copy
    }
}
