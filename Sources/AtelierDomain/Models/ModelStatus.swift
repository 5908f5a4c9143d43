/// Where a version stands. `rejected` versions trained fine but were worse than the serving
/// one on the same holdout; they can still be promoted by hand.
public enum ModelStatus: String, Sendable, Codable {
    case training, trained, serving, retired, rejected, failed
}
