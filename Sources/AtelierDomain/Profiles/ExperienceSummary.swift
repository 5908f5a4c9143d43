import Foundation

/// How the customer feels about the house, from experience events: the latest NPS answer
/// and the complaints still open (a `Complaint Opened` without a later `Complaint Resolved`
/// or `Complaint Closed` with the same `complaintId`).
public struct ExperienceSummary: Sendable, Equatable {
    public struct Complaint: Sendable, Equatable {
        public var complaintID: String?
        public var openedAt: Date
        /// The event's properties, JSON text.
        public var properties: String
    }

    public var latestNPSScore: Double?
    public var latestNPSAt: Date?
    public var openComplaints: [Complaint]

    /// How many recent experience events are read; enough for any real complaint history.
    static let window = 200

    /// Folds experience events, newest first, into the summary: a close seen first (newer)
    /// cancels the matching open seen after it (older).
    static func from(events: [String], times: [Date], complaintIDs: [String?], scores: [Double?], properties: [String])
        -> ExperienceSummary
    {
        var summary = ExperienceSummary(latestNPSScore: nil, latestNPSAt: nil, openComplaints: [])
        var closed: Set<String> = []
        var closedWithoutID = 0
        for index in events.indices where index < times.count && index < complaintIDs.count && index < scores.count
            && index < properties.count
        {
            let complaintID = complaintIDs[index]
            switch events[index] {
            case "NPS Submitted" where summary.latestNPSAt == nil:
                summary.latestNPSScore = scores[index]
                summary.latestNPSAt = times[index]
            case "Complaint Resolved", "Complaint Closed":
                if let complaintID { closed.insert(complaintID) } else { closedWithoutID += 1 }
            case "Complaint Opened":
                if let complaintID, closed.contains(complaintID) { continue }
                if complaintID == nil && closedWithoutID > 0 {
                    closedWithoutID -= 1
                    continue
                }
                summary.openComplaints.append(
                    Complaint(complaintID: complaintID, openedAt: times[index], properties: properties[index]))
            default:
                continue
            }
        }
        return summary
    }
}
