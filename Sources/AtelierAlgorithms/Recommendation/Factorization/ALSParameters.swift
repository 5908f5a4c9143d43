/// What `AlternatingLeastSquares.fit` learns and how: kept apart from the fitted value, and
/// stored in it so an artifact says how it was made.
public struct ALSParameters: Sendable, Hashable, Codable {
    /// Latent dimensions per user and item, 1...1024. Memory and time grow with it (see
    /// `AlternatingLeastSquares`).
    public var factors: Int
    /// λ of the objective Σ c(u,i)·(p(u,i) − xᵤ·yᵢ)² + λ(Σ‖xᵤ‖² + Σ‖yᵢ‖²), not scaled by counts
    /// (implicit's `regularization`).
    public var regularization: Double
    /// α of the confidence c = 1 + α·w (Hu, Koren & Volinsky 2008, eq. 2), w the summed
    /// interaction weight of the pair (`InteractionWeights`); pairs without interaction have
    /// c = 1 and preference 0.
    public var alpha: Double
    /// Full sweeps, each solving every user's factors, then every item's.
    public var iterations: Int
    public var solver: ALSSolver
    /// Seeds the initial factors (`SplitMix64`): same data, parameters and seed, same model.
    public var seed: UInt64
    /// Initial factors are uniform in [0, initialScale): implicit's `random(…) * 0.01`.
    public var initialScale: Double

    public init(
        factors: Int = 64, regularization: Double = 0.01, alpha: Double = 1, iterations: Int = 15,
        solver: ALSSolver = .conjugateGradient(), seed: UInt64 = 0, initialScale: Double = 0.01
    ) {
        self.factors = factors
        self.regularization = regularization
        self.alpha = alpha
        self.iterations = iterations
        self.solver = solver
        self.seed = seed
        self.initialScale = initialScale
    }

    /// c = 1 + α·w, rounded to Float as the matrix stores it (implicit reads confidences as float32).
    func confidence(weight: Float) -> Float {
        Float(1 + alpha * Double(weight))
    }

    func validate() throws(RecommendationError) {
        // The caps keep a mistyped parameter from asking for terabytes or days; real models stay far below.
        guard factors >= 1, factors <= 1024 else { throw .invalidParameter(name: "factors", reason: "must lie in 1...1024") }
        guard regularization >= 0, regularization.isFinite else {
            throw .invalidParameter(name: "regularization", reason: "must be finite and at least 0")
        }
        guard alpha >= 0, alpha.isFinite else { throw .invalidParameter(name: "alpha", reason: "must be finite and at least 0") }
        guard iterations >= 0, iterations <= 1000 else {
            throw .invalidParameter(name: "iterations", reason: "must lie in 0...1000")
        }
        guard initialScale > 0, initialScale.isFinite else {
            throw .invalidParameter(name: "initialScale", reason: "must be finite and positive")
        }
        if case .conjugateGradient(let steps) = solver, steps < 1 || steps > 100 {
            throw .invalidParameter(name: "solver.steps", reason: "must lie in 1...100")
        }
    }
}

/// How each user's (and item's) least-squares problem is solved within a sweep.
public enum ALSSolver: Sendable, Hashable, Codable {
    /// A few conjugate-gradient steps from the previous sweep's factors (Takács, Pilászy & Tikk
    /// 2011, "Applications of the conjugate gradient method for implicit feedback collaborative
    /// filtering"; implicit's default with 3 steps): O(steps · (f² + n·f)) per row for n
    /// interactions and f factors, approximate but converging over sweeps.
    case conjugateGradient(steps: Int = 3)
    /// The exact solution by Cholesky factorisation (Hu, Koren & Volinsky 2008; implicit's
    /// `use_cg=False`): O(f³ + n·f²) per row.
    case cholesky
}
