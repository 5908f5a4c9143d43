import AtelierAlgorithms
import Foundation

/// Every (person, item) pair a training read, with its counts of each kind before and after
/// the holdout's cutoff: the one in-memory copy of the interactions a training works from.
/// Counts rather than weights, so the serving version's parameters can be refitted on the same
/// pairs with their own weights.
///
/// Memory: 32 bytes per pair (two Int32 ids, six Int32 counts) plus, until
/// `canonicalize`, a dictionary entry per person and per item. Persons and items are numbered
/// densely, so the algorithms work on Int32 keys rather than UUIDs and strings.
struct InteractionTable {
    private(set) var persons: [UUID] = []
    private(set) var skus: [String] = []
    private(set) var rows: [Int32] = []
    private(set) var columns: [Int32] = []
    /// Counts up to the cutoff (training) and after it (the holdout).
    private(set) var before: [InteractionCounts] = []
    private(set) var after: [InteractionCounts] = []
    private var personNumbers: [UUID: Int32] = [:]
    private var skuNumbers: [String: Int32] = [:]

    var count: Int { rows.count }

    mutating func append(person: UUID, sku: String, before: InteractionCounts, after: InteractionCounts) {
        rows.append(Self.number(of: person, in: &personNumbers, list: &persons))
        columns.append(Self.number(of: sku, in: &skuNumbers, list: &skus))
        self.before.append(before)
        self.after.append(after)
    }

    private static func number<Key: Hashable>(of key: Key, in numbers: inout [Key: Int32], list: inout [Key]) -> Int32 {
        if let number = numbers[key] { return number }
        let number = Int32(list.count)
        numbers[key] = number
        list.append(key)
        return number
    }

    /// Renumbers persons and items in ascending order and drops the lookup tables, so numbers
    /// (and so every fitted model) do not depend on the order rows arrived in.
    mutating func canonicalize() {
        personNumbers = [:]
        skuNumbers = [:]
        let personOrder = persons.indices.sorted { persons[$0] < persons[$1] }
        let skuOrder = skus.indices.sorted { skus[$0] < skus[$1] }
        var personRenumbering = [Int32](repeating: 0, count: persons.count)
        for (new, old) in personOrder.enumerated() { personRenumbering[old] = Int32(new) }
        var skuRenumbering = [Int32](repeating: 0, count: skus.count)
        for (new, old) in skuOrder.enumerated() { skuRenumbering[old] = Int32(new) }
        persons = personOrder.map { persons[$0] }
        skus = skuOrder.map { skus[$0] }
        for index in rows.indices {
            rows[index] = personRenumbering[Int(rows[index])]
            columns[index] = skuRenumbering[Int(columns[index])]
        }
    }

    /// The training side (up to the cutoff), or everything (both sides summed), weighted by
    /// `parameters`; pairs of weight 0 left out.
    func interactions(_ parameters: RecommenderParameters, includingHoldout: Bool) -> [Interaction<Int32, Int32>] {
        var interactions: [Interaction<Int32, Int32>] = []
        interactions.reserveCapacity(count)
        for index in 0..<count {
            let counts = includingHoldout ? before[index] + after[index] : before[index]
            let weight = counts.weight(parameters)
            if weight > 0 { interactions.append(Interaction(user: rows[index], item: columns[index], weight: weight)) }
        }
        return interactions
    }

    /// Per person with a training history, the items bought after the cutoff that were not in
    /// that history: what a list made at the cutoff should have named.
    func holdoutRelevance(_ parameters: RecommenderParameters) -> [Int32: Set<Int32>] {
        var hasHistory = [Bool](repeating: false, count: persons.count)
        for index in 0..<count where before[index].weight(parameters) > 0 { hasHistory[Int(rows[index])] = true }
        var relevant: [Int32: Set<Int32>] = [:]
        for index in 0..<count
        where after[index].purchases > 0 && before[index].weight(parameters) == 0 && hasHistory[Int(rows[index])] {
            relevant[rows[index], default: []].insert(columns[index])
        }
        return relevant
    }
}

/// How often one person did each kind of thing with one item on one side of the cutoff.
struct InteractionCounts: Sendable, Equatable {
    var purchases: Int32
    var carts: Int32
    var views: Int32

    static func + (left: Self, right: Self) -> Self {
        Self(purchases: left.purchases + right.purchases, carts: left.carts + right.carts, views: left.views + right.views)
    }

    var isEmpty: Bool { purchases == 0 && carts == 0 && views == 0 }

    /// Σ count × the kind's weight.
    func weight(_ parameters: RecommenderParameters) -> Double {
        Double(purchases) * parameters.purchaseWeight + Double(carts) * parameters.addToCartWeight
            + Double(views) * parameters.viewWeight
    }
}
