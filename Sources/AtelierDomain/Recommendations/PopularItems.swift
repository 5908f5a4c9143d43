/// The items in most baskets, most first (ties by item): the baseline every bought-together
/// version is compared with, and the fallback when no rule applies.
struct PopularItems: Sendable {
    let ranked: [(sku: String, baskets: Int)]

    init(baskets: [[String]], keep: Int) {
        var counts: [String: Int] = [:]
        for basket in baskets {
            for sku in Set(basket) { counts[sku, default: 0] += 1 }
        }
        ranked = Array(
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(keep)
                .map { (sku: $0.key, baskets: $0.value) })
    }

    /// The `limit` most popular items other than `item`.
    func recommend(excluding item: String, limit: Int) -> [String] {
        Array(ranked.lazy.map(\.sku).filter { $0 != item }.prefix(limit))
    }
}
