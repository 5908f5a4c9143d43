/// The documented feature set scores are learnt from (migration 0009, `profile_features_v1`):
/// its version and its columns, in order. A model stores the version it was trained on, so a
/// new feature set never feeds a model the columns of another.
public enum ProfileFeatureSet {
    public static let version = 1
    static let function = "profile_features_v1"

    public static let names = [
        "days_since_last_order", "has_ordered", "orders_365d", "log_spend_365d", "tenure_days", "store_share",
        "online_share", "categories_bought", "return_rate", "active_days_30d", "product_views_7d",
        "product_views_30d", "email_engagements_90d", "nps_sentiment",
    ]

    /// The column a recency-only baseline ranks by.
    static let recencyIndex = 0
    static let hasOrderedIndex = 1
}
