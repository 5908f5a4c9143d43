/// Where a privacy request stands, in OpenDSR's vocabulary (`request_status`).
public enum PrivacyRequestStatus: String, Sendable, CaseIterable, Codable {
    case pending
    case inProgress = "in_progress"
    case completed
    case cancelled

    /// Still to be done: counts against its deadline.
    public var isOpen: Bool { self == .pending || self == .inProgress }
}
