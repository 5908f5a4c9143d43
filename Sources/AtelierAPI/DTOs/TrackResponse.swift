/// Answer to a single tracking call, as Segment answers: `{"success": true}`, also for a
/// repeated `messageId` (stored once, acknowledged every time).
struct TrackResponse: Encodable {
    var success = true
}
