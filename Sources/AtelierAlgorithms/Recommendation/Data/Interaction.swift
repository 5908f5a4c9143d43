/// One observed signal that `user` likes `item`, with the weight of its kind (see
/// `InteractionWeights`): implicit feedback, never a rating. Repeated pairs are summed when an
/// `InteractionDataset` is built, so two views weigh twice one view.
public struct Interaction<User: Hashable & Sendable, Item: Hashable & Sendable>: Sendable, Hashable {
    public var user: User
    public var item: Item
    /// Finite and at least 0; a pair whose weights sum to 0 is left out of the matrix.
    public var weight: Double

    public init(user: User, item: Item, weight: Double = 1) {
        self.user = user
        self.item = item
        self.weight = weight
    }
}

extension Interaction: Codable where User: Codable, Item: Codable {}
