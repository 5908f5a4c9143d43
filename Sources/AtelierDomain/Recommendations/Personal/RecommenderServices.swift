import AtelierPostgres

/// The recommender's serving side, built once per process so personal and cart answers share
/// the versions held in memory.
public struct RecommenderServices: Sendable {
    public let personal: PersonalRecommender
    public let cart: CartRecommender

    public init(pool: PostgresPool, readers: PersonalDataPools) {
        let models = RecommenderModels(pool: pool)
        personal = PersonalRecommender(pool: pool, readers: readers, models: models)
        cart = CartRecommender(pool: pool, models: models)
    }
}
