import AtelierAlgorithms
import Foundation

/// A seeded synthetic basket data set shaped like a luxury retailer's orders, for timing the
/// association rules fit at scale (the public basket data sets are far smaller than 1 M baskets).
///
/// Structure, all drawn from one `SplitMix64` stream so a seed gives the same baskets every run:
/// - `skuCount` SKUs named `SKU-000001`…, with long-tail popularity: SKU of rank r is drawn with
///   weight 1 / (r + 20)^1.1 (a few icons, thousands of rarely bought references).
/// - `familyCount` planted co-purchase families of 2 to 5 SKUs (a bag with its wallet and
///   strap, a suit with its tie), members spread over the whole catalogue, family popularity also
///   long-tailed (weight 1 / (f + 5)).
/// - basket sizes 1 to 8, mostly single items: 1: 46 %, 2: 22 %, 3: 13 %, 4: 8 %, 5: 5 %, 6: 3 %,
///   7: 2 %, 8: 1 %.
/// - a basket of two items or more starts, with probability `familyShare`, from a family: each
///   member joins with probability 0.7 (at least two do), then the rest is filled by popularity.
///   Single-item baskets are popularity draws.
struct LuxuryBaskets {
    let skuCount: Int
    let familyCount: Int
    let familyShare: Double
    private var random: SplitMix64
    private let skuWeights: CumulativeWeights
    private let familyWeights: CumulativeWeights
    private let families: [[Int]]
    private static let sizeWeights = CumulativeWeights([46, 22, 13, 8, 5, 3, 2, 1])

    init(seed: UInt64, skuCount: Int = 12_000, familyCount: Int = 800, familyShare: Double = 0.35) {
        self.skuCount = skuCount
        self.familyCount = familyCount
        self.familyShare = familyShare
        var random = SplitMix64(seed: seed)
        skuWeights = CumulativeWeights((0..<skuCount).map { 1 / pow(Double($0) + 20, 1.1) })
        familyWeights = CumulativeWeights((0..<familyCount).map { 1 / (Double($0) + 5) })
        families = (0..<familyCount).map { _ in
            let size = 2 + Int(random.next() % 4)
            var members: [Int] = []
            while members.count < size {
                let sku = Int(random.next() % UInt64(skuCount))
                if !members.contains(sku) { members.append(sku) }
            }
            return members
        }
        self.random = random
    }

    /// The SKU name of an index, as the order lines would carry it.
    static func name(_ sku: Int) -> String {
        let digits = String(sku + 1)
        return "SKU-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The next basket as SKU indices (distinct, in no particular order).
    mutating func nextBasket() -> [Int] {
        let size = Self.sizeWeights.draw(random.nextUnitInterval()) + 1
        var basket: [Int] = []
        basket.reserveCapacity(size)
        if size >= 2, random.nextUnitInterval() < familyShare {
            let family = families[familyWeights.draw(random.nextUnitInterval())]
            for member in family where basket.count < size && random.nextUnitInterval() < 0.7 {
                basket.append(member)
            }
            for member in family where basket.count < 2 && !basket.contains(member) {
                basket.append(member)
            }
        }
        while basket.count < size {
            let sku = skuWeights.draw(random.nextUnitInterval())
            if !basket.contains(sku) { basket.append(sku) }
        }
        return basket
    }
}

/// Draws an index with probability proportional to its weight, by binary search in the
/// running totals.
struct CumulativeWeights {
    private let totals: [Double]

    init(_ weights: [Double]) {
        var running = 0.0
        totals = weights.map { weight in
            running += weight
            return running
        }
    }

    /// The index whose share of the total covers `unit` (in [0, 1)).
    func draw(_ unit: Double) -> Int {
        let target = unit * totals[totals.count - 1]
        var low = 0
        var high = totals.count - 1
        while low < high {
            let middle = (low + high) / 2
            if totals[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
