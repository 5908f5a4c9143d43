/// The six calls of Segment's tracking spec, stored as the event's `type`.
public enum TrackingCallType: String, Sendable, CaseIterable, Codable {
    case track, identify, page, screen, group, alias
}
