/// How often a "bought together" list anticipates a real basket: for every held-out basket
/// of two or more items and every item in it, the top `k` items recommended for that item
/// are a hit when they include another item of the same basket. The rate is hits over trials
/// (item-in-basket pairs). A model that names nothing scores 0 on that trial.
enum HoldoutHitRate {
    static func rate(baskets: [[String]], k: Int, recommend: (String, Int) -> [String]) -> (rate: Double?, trials: Int) {
        var hits = 0
        var trials = 0
        for basket in baskets where basket.count >= 2 {
            let items = Set(basket)
            for item in items {
                trials += 1
                if recommend(item, k).contains(where: { $0 != item && items.contains($0) }) { hits += 1 }
            }
        }
        return (trials == 0 ? nil : Double(hits) / Double(trials), trials)
    }
}
