// k-means benchmark and release-mode reference check (see BENCHMARKS.md, "Automatic segments").
//
// 1. CDNOW: every k-means++ fit of Tests/AtelierAlgorithmsTests/Fixtures/kmeans_cdnow.json
//    (scikit-learn 1.9.1, 3 and 10 restarts, seeds 0–2, k = 2…8) is refitted and compared: labels
//    row for row (hash), iterations, inertia; then the exact silhouette on all 23,570 rows, the
//    choice of k by sampled silhouette and by elbow, and the description of the chosen clusters.
// 2. Scale: a seeded synthetic mixture of `rows` × 10 features (default 1,000,000), standardised,
//    then k = 8 fitted with 1 and with 10 restarts; predict and a sampled silhouette timed too.
//    With KMEANS_BENCH_MATRIX=<path>, the standardised matrix is also written there (float64,
//    row-major) for scripts/reference/kmeans_scale_reference.py to fit with scikit-learn.
import AtelierAlgorithms
import Foundation

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
}

func timed<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
    let (value, seconds, _) = try measure(body)
    return (value, seconds)
}

func number(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

/// The fixture read loosely (JSONSerialization): the benchmark needs a few fields only.
struct ReferenceFit {
    let k: Int
    let restarts: Int
    let seed: UInt32
    let inertia: Double
    let iterations: Int
    let labelsHash: String
    let fitSeconds: Double
    let silhouetteAllRows: Double?
    let silhouetteAllRowsSeconds: Double?
    let silhouetteSampled: Double?

    init(_ object: [String: Any]) throws {
        guard let k = object["k"] as? Int, let restarts = object["n_init"] as? Int, let seed = object["seed"] as? Int,
              let inertia = object["inertia"] as? Double, let iterations = object["iterations"] as? Int,
              let labelsHash = object["labels_hash"] as? String, let fitSeconds = object["fit_seconds"] as? Double
        else { throw BenchmarkFailure(description: "kmeans_cdnow.json: a k-means++ fit lacks a field") }
        (self.k, self.restarts, self.seed, self.inertia) = (k, restarts, UInt32(seed), inertia)
        (self.iterations, self.labelsHash, self.fitSeconds) = (iterations, labelsHash, fitSeconds)
        silhouetteAllRows = object["silhouette_all_rows"] as? Double
        silhouetteAllRowsSeconds = object["silhouette_all_rows_seconds"] as? Double
        silhouetteSampled = object["silhouette_sampled"] as? Double
    }
}

func loadFixture() throws -> (fits: [ReferenceFit], bestInertia: [Int: Double], sampleSize: Int) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let url = root.appendingPathComponent("Tests/AtelierAlgorithmsTests/Fixtures/kmeans_cdnow.json")
    guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any],
          let fits = object["kmeans_plus_plus"] as? [[String: Any]],
          let best = (object["best_inertia_over_seeds"] as? [String: Any])?["by_k"] as? [String: Double],
          let sampleSize = (object["silhouette"] as? [String: Any])?["sample_size"] as? Int
    else { throw BenchmarkFailure(description: "kmeans_cdnow.json is not the reference script's output") }
    let bestInertia = Dictionary(uniqueKeysWithValues: best.compactMap { key, value in Int(key).map { ($0, value) } })
    return (try fits.map(ReferenceFit.init), bestInertia, sampleSize)
}

func compareWithScikitLearn() throws {
    let (task, loadSeconds) = try timed { try SegmentationTask(CDNOWTransactions.master.get()) }
    let rows = task.standardized
    let fixture = try loadFixture()
    print("## CDNOW_master, \(rows.count) customers × 4 standardised features (read and summarised in \(number(loadSeconds)) s)\n")
    print("| k | restarts | seed | same labels as scikit-learn | iterations | inertia | relative difference | above best of 20 seeds | Atelier s | scikit-learn s |")
    print("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    var identical = 0
    var seedZero: [Int: KMeansModel] = [:]
    for reference in fixture.fits {
        let (model, seconds) = try timed {
            try KMeans(clusterCount: reference.k, restarts: reference.restarts, seed: reference.seed).fit(rows)
        }
        let same = labelsFNV1a64(model.labels) == reference.labelsHash && model.iterations == reference.iterations
        if same { identical += 1 }
        if reference.restarts == 10, reference.seed == 0 { seedZero[reference.k] = model }
        let gap = fixture.bestInertia[reference.k].map { (model.inertia / $0 - 1) * 100 } ?? .nan
        print("| \(reference.k) | \(reference.restarts) | \(reference.seed) | \(same ? "yes" : "**no**") | \(model.iterations) / \(reference.iterations) | \(number(model.inertia, 3)) | \(String(format: "%.1e", abs(model.inertia - reference.inertia) / reference.inertia)) | \(number(gap, 2)) % | \(number(seconds)) | \(number(reference.fitSeconds)) |")
    }
    print("\nidentical partitions and iteration counts: \(identical) of \(fixture.fits.count)\n")

    print("| k | silhouette, all rows (Atelier) | scikit-learn | relative difference | Atelier s | scikit-learn s |")
    print("|---:|---:|---:|---:|---:|---:|")
    for reference in fixture.fits where reference.silhouetteAllRows != nil {
        guard let model = seedZero[reference.k], let expected = reference.silhouetteAllRows else { continue }
        let (score, seconds) = try timed { try silhouetteScore(rows, labels: model.labels) }
        print("| \(reference.k) | \(String(format: "%.12f", score)) | \(String(format: "%.12f", expected)) | \(String(format: "%.1e", abs(score - expected) / expected)) | \(number(seconds, 2)) | \(number(reference.silhouetteAllRowsSeconds ?? .nan, 2)) |")
    }

    let sampled = ClusterCountSelection(candidates: 2...8, criterion: .silhouette(sampleSize: fixture.sampleSize), restarts: 10)
    let (choice, choiceSeconds) = try timed { try sampled.fit(rows) }
    let favoured = fixture.fits.filter { $0.restarts == 10 && $0.seed == 0 }
        .max { ($0.silhouetteSampled ?? -1) < ($1.silhouetteSampled ?? -1) }
    print("\nk by silhouette on a \(fixture.sampleSize)-row sample: \(choice.clusterCount) (\(number(choiceSeconds)) s; scikit-learn's sampled silhouettes favour \(favoured.map { String($0.k) } ?? "?"))")
    print("  per k: " + choice.scores.map { "\($0.clusterCount): \(number($0.silhouette ?? .nan, 4))" }.joined(separator: ", "))
    let elbow = try ClusterCountSelection(candidates: 2...8, criterion: .elbow, restarts: 10).fit(rows)
    print("k by elbow: \(elbow.clusterCount); distances: " + elbow.scores.map { "\($0.clusterCount): \(number($0.elbowDistance ?? .nan, 3))" }.joined(separator: ", "))

    let describer = ClusterDescriber(features: [
        ClusterFeature(name: "weeks since last purchase", highWord: "lapsed", lowWord: "recent"),
        ClusterFeature(name: "frequency"),
        ClusterFeature(name: "monetary value"),
        ClusterFeature(name: "tenure", highWord: "long-standing", lowWord: "new"),
    ])
    for (criterion, chosen) in [("silhouette", choice), ("elbow", elbow)] {
        print("\nclusters at k = \(chosen.clusterCount) (\(criterion)); centroid: weeks since last purchase, repeat purchases, mean spend $, tenure weeks")
        for description in try describer.describe(chosen.model, scaler: task.scaler) {
            let centroid = description.centroid.map { number($0, 1) }.joined(separator: ", ")
            print("- \(description.label): \(description.size) customers (\(number(description.share * 100, 1)) %), centroid (\(centroid))")
        }
    }
}

/// SplitMix64, for synthetic data that any run reproduces.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uniform() -> Double { Double(next() >> 11) / 9_007_199_254_740_992.0 }

    /// Box–Muller.
    mutating func gaussian() -> Double {
        let u = max(uniform(), Double.leastNormalMagnitude)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

/// `rows` × `columns` from 8 Gaussian groups of unequal sizes (weights 1…8) around centres drawn
/// from N(0, 2²), unit noise: overlapping groups, as customer features are.
func syntheticMixture(rows: Int, columns: Int) -> [[Double]] {
    var generator = SplitMix64(state: 2026)
    let centres = (0..<8).map { _ in (0..<columns).map { _ in 2 * generator.gaussian() } }
    return (0..<rows).map { _ in
        var draw = Int(generator.uniform() * 36)
        var group = 0
        while draw > group { draw -= group + 1; group += 1 }
        return centres[min(group, 7)].map { $0 + generator.gaussian() }
    }
}

func measureScale(rows: Int) throws {
    let columns = 10
    print("\n## Scale: \(rows) rows × \(columns) features, k = 8\n")
    let (raw, generateSeconds) = timed { syntheticMixture(rows: rows, columns: columns) }
    let (standardized, scaleSeconds) = try timed { try StandardScaler().fit(raw).transform(raw) }
    print("generate \(number(generateSeconds)) s; standardise \(number(scaleSeconds)) s")
    if let path = ProcessInfo.processInfo.environment["KMEANS_BENCH_MATRIX"] {
        let values = standardized.flatMap { $0 }
        try values.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: path)) }
        print("wrote the standardised matrix to \(path)")
    }
    for restarts in [1, 10] {
        let (model, seconds, cpu) = try measure {
            try KMeans(clusterCount: 8, restarts: restarts, seed: 0).fit(standardized)
        }
        print("fit, \(restarts) restart(s): \(number(seconds, 2)) s, CPU \(number(cpu, 2)) s (kept run: \(model.iterations) iterations, inertia \(number(model.inertia, 6)), labels \(labelsFNV1a64(model.labels)))")
        if restarts == 10 {
            let (_, predictSeconds) = try timed { try model.predict(standardized) }
            print("predict all rows: \(number(predictSeconds, 2)) s")
            let (_, silhouetteSeconds) = try timed {
                try silhouetteScore(standardized, labels: model.labels, sampleSize: 10_000, seed: 0)
            }
            print("silhouette on a 10,000-row sample: \(number(silhouetteSeconds, 2)) s")
        }
    }
    print("peak resident memory: \(number(statusMegabytes("VmHWM"), 0)) MB")
}

// Arguments: [rows] [cdnow | scale] (default: 1,000,000 rows, both parts).
let arguments = CommandLine.arguments.dropFirst()
let rows = arguments.first.flatMap { Int($0) } ?? 1_000_000
let part = arguments.dropFirst().first
do {
    if part != "scale" { try compareWithScikitLearn() }
    if part != "cdnow" { try measureScale(rows: rows) }
} catch {
    FileHandle.standardError.write(Data("kmeans-fit: \(error)\n".utf8))
    exit(1)
}
