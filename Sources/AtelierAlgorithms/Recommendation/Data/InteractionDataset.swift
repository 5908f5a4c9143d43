/// The users × items matrix of summed interaction weights that every recommender fits on, with
/// the users and items its rows and columns stand for.
///
/// Items come from the interactions plus an optional `catalogue`: items nobody interacted with
/// still get a column. That matters beyond coverage: TF-IDF and BM25 count the catalogue's items
/// (their N and average item length include the empty columns, as implicit's do), and only a
/// catalogue item can be recommended. Users and items are indexed in ascending order
/// (`IdentifierIndex`).
public struct InteractionDataset<User: Hashable & Comparable & Sendable, Item: Hashable & Comparable & Sendable>:
    Sendable, Hashable
{
    public let users: IdentifierIndex<User>
    public let items: IdentifierIndex<Item>
    /// users × items; entry = Σ weight over the pair's interactions, pairs summing to 0 left out.
    public let matrix: InteractionMatrix

    /// Refuses negative, NaN and infinite weights (by index) and more than 2³¹ − 1 users or items.
    public init(_ interactions: [Interaction<User, Item>], catalogue: [Item] = [])
        throws(RecommendationError)
    {
        for (index, interaction) in interactions.enumerated() where !(interaction.weight >= 0 && interaction.weight.isFinite) {
            throw .invalidWeight(index: index, weight: interaction.weight)
        }
        let users = IdentifierIndex(interactions.lazy.map(\.user))
        let items = IdentifierIndex(interactions.map(\.item) + catalogue)
        for (what, count) in [("users", users.count), ("items", items.count)] where count > Int(Int32.max) {
            throw .tooLarge(what: what, count: count)
        }
        let entries = interactions.map { interaction in
            // Both keys are in their index by construction.
            (row: Int32(users.index(of: interaction.user) ?? 0), column: Int32(items.index(of: interaction.item) ?? 0),
             value: interaction.weight)
        }
        self.users = users
        self.items = items
        matrix = InteractionMatrix(rowCount: users.count, columnCount: items.count, entries: entries)
    }

    /// The items `user` interacted with and their summed weights (what the recommenders take as a
    /// user's history); empty for a user the dataset does not know.
    public func history(of user: User) -> [Item: Float] {
        guard let row = users.index(of: user) else { return [:] }
        var history: [Item: Float] = [:]
        for position in matrix.range(ofRow: row) {
            history[items[Int(matrix.columns[position])]] = matrix.values[position]
        }
        return history
    }
}
