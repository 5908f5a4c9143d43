/// Why a recommender refused its input or parameters: the caller's mistake to report (the API
/// turns it into problem+json), never a crash.
public enum RecommendationError: Error, Equatable, Sendable {
    /// A parameter outside its domain; `name` is the field at fault.
    case invalidParameter(name: String, reason: String)
    /// The interaction at `index` has a negative, NaN or infinite weight.
    case invalidWeight(index: Int, weight: Double)
    /// Nothing to learn from: no interaction with a positive weight.
    case noInteractions
    /// More users, items or interactions than the 32-bit indices of the sparse matrix hold.
    case tooLarge(what: String, count: Int)
    /// A fitted value whose arrays disagree with each other (a corrupt or foreign artifact).
    case inconsistentModel(String)
}
