import AtelierAlgorithms
import Foundation
import Testing

@Suite("Popularity: hand-checked cases")
struct PopularityTests {
    /// Paris sells shoes to three people (one of them twice), bags to two; Lyon sells a hat to one.
    static let sales: [GroupedInteraction<String, String>] = [
        ("ann", "shoe", "paris", "footwear", 1.0), ("bob", "shoe", "paris", "footwear", 1), ("cat", "shoe", "paris", "footwear", 1),
        ("ann", "shoe", "paris", "footwear", 1), ("ann", "bag", "paris", "leather", 5), ("dan", "bag", "paris", "leather", 5),
        ("eve", "hat", "lyon", "millinery", 9),
    ].map { GroupedInteraction(Interaction(user: $0.0, item: $0.1, weight: $0.4), groups: [.store($0.2), .category($0.3)]) }

    @Test("items rank by distinct users, ties by item")
    func distinctUsers() throws {
        let model = try Popularity().fit(Self.sales)
        #expect(model.global.map(\.item) == ["shoe", "bag", "hat"])
        #expect(model.global.map(\.score) == [3, 2, 1])
        #expect(model.ranking(of: .store("paris"))?.map(\.item) == ["shoe", "bag"])
        #expect(model.ranking(of: .category("millinery"))?.map(\.item) == ["hat"])
        #expect(model.ranking(of: .store("nice")) == nil)
    }

    @Test("by total weight, purchases outweigh numbers of buyers")
    func totalWeight() throws {
        let model = try Popularity(parameters: .init(measure: .totalWeight)).fit(Self.sales)
        #expect(model.global.map(\.item) == ["bag", "hat", "shoe"])
        #expect(model.global.map(\.score) == [10, 9, 4])
    }

    @Test("a group's ranking is completed from the global one, without repeats or excluded items")
    func fallsBackToGlobal() throws {
        let model = try Popularity().fit(Self.sales)
        #expect(model.recommend(group: .store("lyon"), limit: 3).map(\.item) == ["hat", "shoe", "bag"])
        #expect(model.recommend(group: .store("lyon"), limit: 3, fillFromGlobal: false).map(\.item) == ["hat"])
        #expect(model.recommend(group: .store("nice"), limit: 2).map(\.item) == ["shoe", "bag"])
        #expect(model.recommend(limit: 5, excluding: ["shoe"]).map(\.item) == ["bag", "hat"])
        #expect(model.recommend(limit: 0).isEmpty)
    }

    @Test("a group named twice by one interaction counts it once")
    func repeatedGroupCountsOnce() throws {
        let twice = GroupedInteraction(Interaction(user: 1, item: "a", weight: 2), groups: [.store("x"), .store("x")])
        let model = try Popularity(parameters: .init(measure: .totalWeight)).fit([twice])
        #expect(model.ranking(of: .store("x"))?.map(\.score) == [2])
    }

    @Test("each ranking keeps at most itemsPerRanking items")
    func boundedRankings() throws {
        let model = try Popularity(parameters: .init(itemsPerRanking: 1)).fit(Self.sales)
        #expect(model.global.map(\.item) == ["shoe"])
        #expect(model.groups.allSatisfy { $0.items.count == 1 })
    }

    @Test("the ranking does not depend on the order of interactions")
    func orderIndependent() throws {
        #expect(try Popularity().fit(Self.sales) == Popularity().fit(Self.sales.reversed()))
    }

    @Test("a fitted model survives encoding; groups out of order are refused")
    func coding() throws {
        let model = try Popularity().fit(Self.sales)
        let encoded = try JSONEncoder().encode(model)
        #expect(try JSONDecoder().decode(FittedPopularity<String>.self, from: encoded) == model)
        var object = try #require(JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        object["groups"] = Array(try #require(object["groups"] as? [Any]).reversed())
        let corrupt = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FittedPopularity<String>.self, from: corrupt) }
    }

    @Test("no interaction, a negative weight or a zero-item ranking is refused")
    func validation() {
        #expect(throws: RecommendationError.noInteractions) { try Popularity().fit([Interaction<Int, Int>]()) }
        #expect(throws: RecommendationError.invalidWeight(index: 0, weight: -1)) {
            try Popularity().fit([Interaction(user: 1, item: 1, weight: -1)])
        }
        #expect(throws: RecommendationError.invalidParameter(name: "itemsPerRanking", reason: "must be at least 1")) {
            try Popularity(parameters: .init(itemsPerRanking: 0)).fit([Interaction(user: 1, item: 1)])
        }
    }
}
