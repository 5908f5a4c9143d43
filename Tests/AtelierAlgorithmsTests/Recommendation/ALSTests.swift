import AtelierAlgorithms
import Foundation
import Testing

@Suite("ALS: hand-checked cases")
struct ALSTests {
    /// Two blocks of taste: users 0–3 each bought two of items A, B, C; users 4–7 two of D, E, F.
    static func blocks() throws -> InteractionDataset<Int, String> {
        let baskets: [[String]] = [["A", "B"], ["B", "C"], ["A", "C"], ["A", "B"], ["D", "E"], ["E", "F"], ["D", "F"], ["D", "E"]]
        return try InteractionDataset(baskets.enumerated().flatMap { user, items in items.map { Interaction(user: user, item: $0) } })
    }

    @Test("one factor, one sweep: x = Σ c·y / (Σ y² + λ + Σ (c − 1)·y²), then y from x, with either solver")
    func oneFactorByHand() throws {
        // One user who bought item 0 once (c = 1 + 1·1 = 2); item 1 untouched. Initial y = (0.5, 0.25), λ = 0.1.
        let data = try InteractionDataset([Interaction(user: 0, item: 0)], catalogue: [1])
        let x = 2 * 0.5 / (0.25 + 0.0625 + 0.1 + 1 * 0.25)
        let y0 = 2 * x / (x * x + 0.1 + 1 * x * x)
        for solver in [ALSSolver.cholesky, .conjugateGradient(steps: 1)] {
            var users = [0.003]
            var items = [0.5, 0.25]
            try AlternatingLeastSquares(parameters: .init(factors: 1, regularization: 0.1, alpha: 1, iterations: 1, solver: solver))
                .fit(data, userFactors: &users, itemFactors: &items)
            #expect(abs(users[0] - x) < 1e-12, "\(solver)")
            #expect(abs(items[0] - y0) < 1e-12, "\(solver)")
            #expect(items[1] == 0, "an item nobody touched gets zero factors")
        }
    }

    @Test("recommends the item of the user's own taste that they do not have yet")
    func plantedStructure() throws {
        let data = try Self.blocks()
        for solver in [ALSSolver.conjugateGradient(), .cholesky] {
            let model = try AlternatingLeastSquares(
                parameters: .init(factors: 2, regularization: 0.01, alpha: 10, iterations: 15, solver: solver, seed: 3)
            ).fit(data)
            #expect(model.recommend(user: 0, in: data, limit: 1).map(\.item) == ["C"], "\(solver)")
            #expect(model.recommend(user: 5, in: data, limit: 1).map(\.item) == ["D"], "\(solver)")
            #expect(Set(model.similarItems(to: "A", limit: 2).map(\.item)) == ["B", "C"], "\(solver)")
            #expect(!model.recommend(user: 0, in: data, limit: 6).contains { ["A", "B"].contains($0.item) })
            #expect(model.recommend(user: 0, in: data, limit: 6, filterAlreadyLiked: false).count == 6)
        }
    }

    @Test("the same seed gives the same model; another seed another one")
    func deterministicForASeed() throws {
        let data = try Self.blocks()
        let fit = { (seed: UInt64) in try AlternatingLeastSquares(parameters: .init(factors: 3, iterations: 4, seed: seed)).fit(data) }
        #expect(try fit(7) == fit(7))
        #expect(try fit(7).itemFactors != fit(8).itemFactors)
    }

    @Test("the factors do not depend on the number of threads")
    func threadsDoNotChangeTheResult() throws {
        var generator = SplitMix64(seed: 9)
        let interactions = (0..<600).map { _ in
            Interaction(user: Int(generator.next() % 150), item: Int(generator.next() % 40), weight: 1 + Double(generator.next() % 3))
        }
        let data = try InteractionDataset(interactions)
        for solver in [ALSSolver.conjugateGradient(), .cholesky] {
            let estimator = AlternatingLeastSquares(parameters: .init(factors: 6, iterations: 3, solver: solver))
            #expect(try estimator.fit(data, threads: 3) == estimator.fit(data, threads: 1), "\(solver)")
        }
        #expect(throws: RecommendationError.invalidParameter(name: "threads", reason: "must be at least 1")) {
            try AlternatingLeastSquares().fit(data, threads: 0)
        }
    }

    @Test("a user the model has not seen is folded in from their history; without one there is no answer")
    func foldsInNewUsers() throws {
        let data = try Self.blocks()
        let model = try AlternatingLeastSquares(parameters: .init(factors: 4, alpha: 10, iterations: 15, seed: 1)).fit(data)
        #expect(model.recommend(user: 99, history: ["D": 1, "F": 1], limit: 1).map(\.item) == ["E"])
        #expect(model.recommend(user: 99, limit: 3).isEmpty)
        #expect(model.foldIn(history: [:]) == [0, 0, 0, 0])
    }

    @Test("fold-in solves one user's least-squares problem exactly (one factor, by hand)")
    func foldInByHand() throws {
        let data = try InteractionDataset([Interaction(user: 0, item: "a"), Interaction(user: 1, item: "b", weight: 3)])
        let model = try AlternatingLeastSquares(parameters: .init(factors: 1, regularization: 0.5, alpha: 2, iterations: 2)).fit(data)
        let y = model.itemFactors.map(Double.init)
        // History {b: 1}: c = 1 + 2·1 = 3.
        let expected = 3 * y[1] / (y[0] * y[0] + y[1] * y[1] + 0.5 + 2 * y[1] * y[1])
        #expect(abs(Double(model.foldIn(history: ["b": 1])[0]) - expected) < 1e-6 * abs(expected))
    }

    @Test("erasing users removes their factors and nothing else")
    func removingUsers() throws {
        let data = try Self.blocks()
        let model = try AlternatingLeastSquares(parameters: .init(factors: 2, iterations: 3)).fit(data)
        let erased = model.removingUsers([2, 5])
        #expect(erased.users.keys == [0, 1, 3, 4, 6, 7])
        #expect(erased.factors(ofUser: 2) == nil)
        #expect(erased.factors(ofUser: 3) == model.factors(ofUser: 3))
        #expect(erased.itemFactors == model.itemFactors)
        #expect(erased.recommend(user: 2, limit: 3).isEmpty)
    }

    @Test("a fitted model survives encoding; factors of the wrong size are refused")
    func coding() throws {
        let model = try AlternatingLeastSquares(parameters: .init(factors: 2, iterations: 2)).fit(Self.blocks())
        let encoded = try JSONEncoder().encode(model)
        #expect(try JSONDecoder().decode(FittedALS<Int, String>.self, from: encoded) == model)
        var object = try #require(JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        object["userFactors"] = [0.5]
        let corrupt = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FittedALS<Int, String>.self, from: corrupt) }
    }

    @Test("bad parameters are refused, naming the field")
    func validation() throws {
        let data = try Self.blocks()
        let cases: [(ALSParameters, String)] = [
            (.init(factors: 0), "factors"), (.init(factors: 100_000), "factors"), (.init(regularization: -1), "regularization"),
            (.init(alpha: .nan), "alpha"),
            (.init(iterations: -1), "iterations"), (.init(solver: .conjugateGradient(steps: 0)), "solver.steps"),
            (.init(initialScale: 0), "initialScale"),
        ]
        for (parameters, field) in cases {
            let error = #expect(throws: RecommendationError.self) { try AlternatingLeastSquares(parameters: parameters).fit(data) }
            guard case .invalidParameter(let name, _) = error else {
                Issue.record("\(field): \(String(describing: error))")
                continue
            }
            #expect(name == field)
        }
        var users = [Double](repeating: 0, count: 3)
        var items = [Double](repeating: 0, count: 3)
        #expect(throws: RecommendationError.self) {
            try AlternatingLeastSquares(parameters: .init(factors: 2)).fit(data, userFactors: &users, itemFactors: &items)
        }
    }
}
