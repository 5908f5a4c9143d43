/// What ingestion does with a call carrying a suppressed identifier (per tenant).
public enum SuppressionMode: String, Sendable, CaseIterable, Codable {
    /// Refuse it with a problem naming the field (the default: the sender learns to stop).
    case refuse
    /// Acknowledge it as if stored and drop it (for senders that retry refused calls forever).
    case drop
}
