/// What `ItemKNN.fit` computed: for each item, its K most similar items and their similarity.
/// Codable (a model artifact) and free of per-person values: it holds only items and sums over
/// many users, so erasing a customer does not require rewriting it (their interactions leave
/// the next fit). A user's history is supplied at serving time.
public struct FittedItemKNN<Item: Hashable & Comparable & Sendable & Codable>: Sendable, Hashable, Codable {
    public let parameters: ItemKNNParameters
    public let items: IdentifierIndex<Item>
    /// items × items: row i holds i's neighbours (itself included) with their similarity, in
    /// ascending item position.
    public let similarities: SparseMatrix<Double>

    init(parameters: ItemKNNParameters, items: IdentifierIndex<Item>, similarities: SparseMatrix<Double>) {
        self.parameters = parameters
        self.items = items
        self.similarities = similarities
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parameters = try container.decode(ItemKNNParameters.self, forKey: .parameters)
        items = try container.decode(IdentifierIndex<Item>.self, forKey: .items)
        similarities = try container.decode(SparseMatrix<Double>.self, forKey: .similarities)
        guard similarities.rowCount == items.count, similarities.columnCount == items.count else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "similarities must be items × items"))
        }
    }

    /// The items most similar to `item`, most similar first (ties: lower item first), at most
    /// `limit` and at most K; `item` itself is left out unless `includingItself` (implicit's
    /// `similar_items` includes it). Empty for an item the model does not know.
    public func similarItems(to item: Item, limit: Int, includingItself: Bool = false) -> [ScoredItem<Item>] {
        guard let row = items.index(of: item) else { return [] }
        var best = TopScores<Double>(capacity: limit)
        for position in similarities.range(ofRow: row) where includingItself || Int(similarities.columns[position]) != row {
            best.offer(index: similarities.columns[position], score: similarities.values[position])
        }
        return best.sorted().map { ScoredItem(item: items[Int($0.index)], score: $0.score) }
    }

    /// The best `limit` items for a user whose history is `history` (item → summed interaction
    /// weight, as in `InteractionDataset.history(of:)`): score(j) = Σ_i history(i) · sim(i, j)
    /// over the neighbour table, as implicit's `recommend` computes it. Highest score first, ties
    /// to the lower item.
    ///
    /// - filterAlreadyLiked: leaves out the items of the history. (implicit instead sets their
    ///   score to 0 and may still return them at the end of a short list; Atelier never does.)
    /// - excluding: further items never to return (out of stock, already in the cart, …).
    ///
    /// Only items that are a neighbour of some history item can score, so the list may be shorter
    /// than `limit`; the caller fills it from the popularity model. History items the model does
    /// not know are ignored.
    public func recommend(
        history: [Item: Float], limit: Int, filterAlreadyLiked: Bool = true, excluding: Set<Item> = []
    ) -> [ScoredItem<Item>] {
        let entries = items.sortedEntries(of: history)
        let liked = filterAlreadyLiked ? Set(entries.map { Int($0.index) }) : []
        let excluded = Set(excluding.compactMap { items.index(of: $0) })
        return recommend(positions: entries, limit: limit) { !liked.contains($0) && !excluded.contains($0) }
    }

    /// The best `limit` items for a history given by item position (ascending positions make
    /// the sums reproducible) among the positions `isCandidate` admits: what serving calls when
    /// business rules (category, exclusions) decide the candidates. Same scores and order as
    /// `recommend(history:…)`.
    public func recommend(
        positions history: [(index: Int32, weight: Float)], limit: Int, where isCandidate: (Int) -> Bool
    ) -> [ScoredItem<Item>] {
        PositionScoring.bestByNeighbourhood(history: history, similarities: similarities, limit: limit, where: isCandidate)
            .map { ScoredItem(item: items[Int($0.index)], score: $0.score) }
    }

    /// `recommend(history:…)` with `user`'s history in `data` (empty for an unknown user).
    public func recommend<User>(
        user: User, in data: InteractionDataset<User, Item>, limit: Int, filterAlreadyLiked: Bool = true,
        excluding: Set<Item> = []
    ) -> [ScoredItem<Item>] {
        recommend(history: data.history(of: user), limit: limit, filterAlreadyLiked: filterAlreadyLiked, excluding: excluding)
    }
}
