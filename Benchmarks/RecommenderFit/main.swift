// Recommender fit benchmark (see BENCHMARKS.md, "Personal recommendations"): ALS with 64 factors
// and 15 iterations, and item-kNN (BM25, K = 20), on a seeded synthetic data set of `interactions`
// (default 1,000,000) implicit interactions of 100,000 users on 10,000 items with planted taste
// (each user draws 80 % of their items from one of 50 item families, the rest by popularity).
// Prints wall and CPU seconds of each fit, and the process's peak resident memory.
//
//   Benchmarks/RecommenderFit/run.sh [interactions] [threads]
import AtelierAlgorithms
import Foundation

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let threads = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
let users = max(1, count / 10)
let items = 10_000
let families = 50

var state: UInt64 = 42
func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

var interactions: [Interaction<Int32, Int32>] = []
interactions.reserveCapacity(count)
for index in 0..<count {
    let user = Int32(index % users)
    let family = Int(user) % families
    let item: Int
    if next() % 100 < 80 {
        item = family * (items / families) + Int(next() % UInt64(items / families))
    } else {
        let uniform = Double(next() % 1_000_000) / 1_000_000
        item = Int(Double(items) * uniform * uniform)
    }
    let weight: Double = next() % 10 == 0 ? 5 : 1
    interactions.append(Interaction(user: user, item: Int32(item), weight: weight))
}
let dataset = try InteractionDataset(interactions)
print("data: \(count) interactions, \(dataset.users.count) users, \(dataset.items.count) items, \(dataset.matrix.nonzeroCount) pairs; threads \(threads)")
let als = try measure {
    _ = try AlternatingLeastSquares(parameters: ALSParameters(factors: 64, iterations: 15)).fit(dataset, threads: threads)
}
print(String(format: "ALS 64 factors, 15 iterations (CG, 3 steps): %.1f s wall, %.1f s CPU", als.wall, als.cpu))
let knn = try measure {
    _ = try ItemKNN(parameters: ItemKNNParameters(neighbours: 20, weighting: .bm25())).fit(dataset)
}
print(String(format: "item-kNN BM25, K = 20: %.1f s wall, %.1f s CPU", knn.wall, knn.cpu))
print(String(format: "peak resident memory: %.0f MB", statusMegabytes("VmHWM")))
