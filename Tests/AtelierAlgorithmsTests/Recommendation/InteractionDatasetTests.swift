import AtelierAlgorithms
import Foundation
import Testing

@Suite("Interaction dataset and weights")
struct InteractionDatasetTests {
    @Test("repeated pairs add up, pairs summing to zero are left out, keys are indexed in ascending order")
    func buildsSortedCSR() throws {
        let data = try InteractionDataset([
            Interaction(user: "bob", item: "shoe", weight: 1), Interaction(user: "ann", item: "hat", weight: 5),
            Interaction(user: "bob", item: "shoe", weight: 3), Interaction(user: "ann", item: "bag", weight: 0),
            Interaction(user: "bob", item: "bag", weight: 1),
        ])
        #expect(data.users.keys == ["ann", "bob"])
        #expect(data.items.keys == ["bag", "hat", "shoe"])
        #expect(data.matrix.rowStarts == [0, 1, 3])
        #expect(data.matrix.columns == [1, 0, 2])
        #expect(data.matrix.values == [5, 1, 4])
        #expect(data.history(of: "bob") == ["bag": 1, "shoe": 4])
        #expect(data.history(of: "nobody").isEmpty)
    }

    @Test("catalogue items nobody touched get an empty column")
    func catalogueAddsColumns() throws {
        let data = try InteractionDataset([Interaction(user: 1, item: "b")], catalogue: ["c", "a", "b"])
        #expect(data.items.keys == ["a", "b", "c"])
        #expect(data.matrix.columnCount == 3)
        #expect(data.matrix.columns == [1])
    }

    @Test("a negative, NaN or infinite weight is refused with its index")
    func refusesBadWeights() {
        for bad in [-1, Double.nan, .infinity] {
            let error = #expect(throws: RecommendationError.self) {
                try InteractionDataset([Interaction(user: 0, item: 0), Interaction(user: 0, item: 1, weight: bad)])
            }
            guard case .invalidWeight(let index, _) = error else {
                Issue.record("weight \(bad): \(String(describing: error))")
                continue
            }
            #expect(index == 1)
        }
    }

    @Test("the transpose holds the same entries with rows and columns swapped, columns ascending")
    func transpose() throws {
        let data = try InteractionDataset([
            Interaction(user: 0, item: 2, weight: 1), Interaction(user: 1, item: 0, weight: 2),
            Interaction(user: 1, item: 2, weight: 3), Interaction(user: 2, item: 2, weight: 4),
        ], catalogue: [1])
        let itemUsers = data.matrix.transposed()
        #expect(itemUsers.rowStarts == [0, 1, 1, 4])
        #expect(itemUsers.columns == [1, 0, 1, 2])
        #expect(itemUsers.values == [2, 1, 3, 4])
        #expect(itemUsers.transposed() == data.matrix)
    }

    @Test("a matrix survives encoding; one with columns out of order is refused when decoded")
    func matrixCoding() throws {
        let data = try InteractionDataset([Interaction(user: 0, item: 0), Interaction(user: 0, item: 1, weight: 2)])
        let encoded = try JSONEncoder().encode(data.matrix)
        #expect(try JSONDecoder().decode(InteractionMatrix.self, from: encoded) == data.matrix)
        let corrupt = Data(#"{"rowCount":1,"columnCount":2,"rowStarts":[0,2],"columns":[1,0],"values":[1,2]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(InteractionMatrix.self, from: corrupt) }
        let unsorted = Data(#"["b","a"]"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(IdentifierIndex<String>.self, from: unsorted) }
    }

    @Test("default weights: a purchase weighs 5 views, a cart 3; unknown kinds carry no weight")
    func defaultWeights() {
        let weights = InteractionWeights.default
        #expect(weights.interaction(user: 1, item: "a", kind: .purchase)?.weight == 5)
        #expect(weights.interaction(user: 1, item: "a", kind: .addToCart)?.weight == 3)
        #expect(weights.interaction(user: 1, item: "a", kind: .view)?.weight == 1)
        #expect(weights.interaction(user: 1, item: "a", kind: "wishlist") == nil)
        #expect(InteractionWeights([.view: 0]).interaction(user: 1, item: "a", kind: .view) == nil)
    }

    @Test("a negative kind weight is refused, naming the kind")
    func refusesNegativeKindWeight() {
        #expect(throws: RecommendationError.invalidParameter(name: "weights.view", reason: "must be finite and at least 0, got -1.0")) {
            try InteractionWeights([.view: -1, .purchase: 5]).validate()
        }
    }
}
