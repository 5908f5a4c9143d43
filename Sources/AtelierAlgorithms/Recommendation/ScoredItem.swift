/// An item a model suggests, with the model's score for it: a similarity, a predicted
/// preference or a popularity, comparable only within one model's answer.
public struct ScoredItem<Item: Hashable & Sendable>: Sendable, Hashable {
    public let item: Item
    public let score: Double

    public init(item: Item, score: Double) {
        self.item = item
        self.score = score
    }
}

extension ScoredItem: Codable where Item: Codable {}
