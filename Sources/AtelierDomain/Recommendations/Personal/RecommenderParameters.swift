import AtelierAlgorithms

/// Parameters of a personal recommender version, stored with it: how interactions weigh, the
/// holdout, and the parameters of both algorithms a training fits (item-kNN and ALS).
///
/// Weights (summed per person and item; ALS reads them as confidence c = 1 + α·w):
/// a purchase (an order line not fully returned) says most, an add-to-cart ("Product Added")
/// less, a product view ("Product Viewed") least. Defaults 5, 3 and 1, as
/// `InteractionWeights.default`.
public struct RecommenderParameters: Sendable, Equatable, Codable {
    /// Which algorithm serves: the better of the two on the holdout (`auto`), or one of them.
    public enum Algorithm: String, Sendable, Codable, CaseIterable {
        case auto
        case als
        case itemKNN = "item_knn"
    }

    /// Item-kNN weighting of the user × item matrix before comparing items.
    public enum Weighting: String, Sendable, Codable, CaseIterable {
        case cosine, tfidf, bm25
    }

    public var algorithm: Algorithm
    /// The last this-many days are held out: trained on what came before, measured on the
    /// purchases in them.
    public var holdoutDays: Int
    /// The list length metrics are measured at (precision@k, recall@k, NDCG@k, MAP@k).
    public var k: Int
    public var purchaseWeight: Double
    public var addToCartWeight: Double
    public var viewWeight: Double
    /// ALS: latent factors, sweeps, λ, α and seed.
    public var factors: Int
    public var iterations: Int
    public var regularization: Double
    public var alpha: Double
    public var seed: Int
    /// Item-kNN: neighbours kept per item and the weighting.
    public var neighbours: Int
    public var weighting: Weighting

    public init(
        algorithm: Algorithm = .auto, holdoutDays: Int = 30, k: Int = 10, purchaseWeight: Double = 5,
        addToCartWeight: Double = 3, viewWeight: Double = 1, factors: Int = 64, iterations: Int = 15,
        regularization: Double = 0.01, alpha: Double = 1, seed: Int = 0, neighbours: Int = 20, weighting: Weighting = .bm25
    ) {
        self.algorithm = algorithm
        self.holdoutDays = holdoutDays
        self.k = k
        self.purchaseWeight = purchaseWeight
        self.addToCartWeight = addToCartWeight
        self.viewWeight = viewWeight
        self.factors = factors
        self.iterations = iterations
        self.regularization = regularization
        self.alpha = alpha
        self.seed = seed
        self.neighbours = neighbours
        self.weighting = weighting
    }

    public static let `default` = RecommenderParameters()

    /// The members a training request may set (every stored member).
    public static let fieldNames: Set<String> = [
        "algorithm", "holdoutDays", "k", "purchaseWeight", "addToCartWeight", "viewWeight", "factors", "iterations",
        "regularization", "alpha", "seed", "neighbours", "weighting",
    ]

    /// Members left out take their defaults, so stored settings survive new parameters.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Self.default
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try container.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        algorithm = try value(.algorithm, defaults.algorithm)
        holdoutDays = try value(.holdoutDays, defaults.holdoutDays)
        k = try value(.k, defaults.k)
        purchaseWeight = try value(.purchaseWeight, defaults.purchaseWeight)
        addToCartWeight = try value(.addToCartWeight, defaults.addToCartWeight)
        viewWeight = try value(.viewWeight, defaults.viewWeight)
        factors = try value(.factors, defaults.factors)
        iterations = try value(.iterations, defaults.iterations)
        regularization = try value(.regularization, defaults.regularization)
        alpha = try value(.alpha, defaults.alpha)
        seed = try value(.seed, defaults.seed)
        neighbours = try value(.neighbours, defaults.neighbours)
        weighting = try value(.weighting, defaults.weighting)
    }

    /// Refuses values the algorithms would refuse (or that would take days), naming the field.
    public func validate() throws(DomainError) {
        guard (1...365).contains(holdoutDays) else { throw .invalid(field: "/holdoutDays", reason: "must be from 1 to 365", hint: nil) }
        guard (1...100).contains(k) else { throw .invalid(field: "/k", reason: "must be from 1 to 100", hint: nil) }
        for (name, weight) in [("purchaseWeight", purchaseWeight), ("addToCartWeight", addToCartWeight), ("viewWeight", viewWeight)]
        where !(weight >= 0 && weight <= 1000) {
            throw .invalid(field: "/\(name)", reason: "must be from 0 to 1000", hint: "a purchase usually weighs most")
        }
        guard purchaseWeight > 0 else {
            throw .invalid(field: "/purchaseWeight", reason: "must be above 0", hint: "purchases are what the holdout measures")
        }
        guard (1...256).contains(factors) else { throw .invalid(field: "/factors", reason: "must be from 1 to 256", hint: nil) }
        guard (1...50).contains(iterations) else { throw .invalid(field: "/iterations", reason: "must be from 1 to 50", hint: nil) }
        guard regularization >= 0, regularization <= 1000 else {
            throw .invalid(field: "/regularization", reason: "must be from 0 to 1000", hint: nil)
        }
        guard alpha >= 0, alpha <= 1000 else { throw .invalid(field: "/alpha", reason: "must be from 0 to 1000", hint: nil) }
        guard seed >= 0 else { throw .invalid(field: "/seed", reason: "must be at least 0", hint: nil) }
        guard (2...200).contains(neighbours) else { throw .invalid(field: "/neighbours", reason: "must be from 2 to 200", hint: nil) }
    }

    var alsParameters: ALSParameters {
        ALSParameters(
            factors: factors, regularization: regularization, alpha: alpha, iterations: iterations, seed: UInt64(seed))
    }

    var itemKNNParameters: ItemKNNParameters {
        let weighting: NeighbourWeighting =
            switch self.weighting {
            case .cosine: .cosine
            case .tfidf: .tfidf
            case .bm25: .bm25()
            }
        return ItemKNNParameters(neighbours: neighbours, weighting: weighting)
    }
}
