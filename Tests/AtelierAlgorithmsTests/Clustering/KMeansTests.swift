import AtelierAlgorithms
import Foundation
import Testing

@Suite struct KMeansTests {
    private let line: [[Double]] = [[0], [1], [10], [11]]

    @Test func movesCentroidsToTheMeansOfTheirRowsUntilNoAssignmentChanges() throws {
        let model = try KMeans(clusterCount: 2, initialization: .centroids([[0], [5]])).fit(line)
        #expect(model.labels == [0, 0, 1, 1])
        #expect(model.centroids == [[0.5], [10.5]])
        #expect(model.inertia == 1)
        // Iteration 1 moves the centroids to 0.5 and 10.5; iteration 2 changes no assignment.
        #expect(model.iterations == 2)
        #expect(model.clusterSizes == [2, 2])
    }

    /// The centroid at 100 wins no row in iteration 1; it takes the row farthest from its own
    /// centroid (11, at distance 11 from 0), leaving the others a mean of 11/3.
    @Test func givesAnEmptyClusterTheRowFarthestFromItsCentroid() throws {
        let model = try KMeans(clusterCount: 2, initialization: .centroids([[0], [100]])).fit(line)
        #expect(model.labels == [0, 0, 1, 1])
        #expect(model.centroids == [[0.5], [10.5]])
        #expect(model.iterations == 3)
    }

    /// Started 0.01 from the final centroids, the first iteration shifts them by 2 × 0.01² =
    /// 2e-4, below 1e-4 × the variance (25.25): the run stops there, whatever the units.
    @Test func stopsWhenTheShiftIsWithinToleranceTimesTheMeanVariance() throws {
        for scale in [1.0, 1000.0] {
            let rows = line.map { [$0[0] * scale] }
            let start = [[0.51 * scale], [10.49 * scale]]
            let model = try KMeans(clusterCount: 2, initialization: .centroids(start)).fit(rows)
            #expect(model.iterations == 1)
            #expect(model.centroids == [[0.5 * scale], [10.5 * scale]])
            let strict = try KMeans(clusterCount: 2, initialization: .centroids(start), tolerance: 0).fit(rows)
            #expect(strict.iterations == 2)
        }
    }

    @Test func kMeansPlusPlusSeparatesDistantGroups() throws {
        let rows = Self.blobs(centres: [[0, 0], [20, 0], [0, 20]], perBlob: 30)
        for seed: UInt32 in [0, 1, 2, 3] {
            let model = try KMeans(clusterCount: 3, restarts: 3, seed: seed).fit(rows)
            #expect(model.clusterSizes.sorted() == [30, 30, 30])
            for blob in 0..<3 {
                #expect(Set(model.labels[blob * 30..<(blob + 1) * 30]).count == 1)
            }
        }
    }

    @Test func theSameSeedGivesTheSameModel() throws {
        let rows = Self.blobs(centres: [[0, 0], [3, 1], [1, 4], [5, 5]], perBlob: 25)
        let first = try KMeans(clusterCount: 4, restarts: 2, seed: 42).fit(rows)
        let second = try KMeans(clusterCount: 4, restarts: 2, seed: 42).fit(rows)
        #expect(first == second)
    }

    @Test func aStoredModelPredictsAsTheFittedOne() throws {
        let model = try KMeans(clusterCount: 2, initialization: .centroids([[0], [5]])).fit(line)
        let stored = try JSONDecoder().decode(KMeansModel.self, from: JSONEncoder().encode(model))
        #expect(stored == model)
        #expect(try stored.predict([[-3], [5.4], [5.6], [40]]) == [0, 0, 1, 1])
        #expect(try stored.predict([10.4]) == 1)
    }

    @Test func refusesInputItCannotCluster() {
        #expect(throws: ClusteringError.emptyData) { try KMeans(clusterCount: 2).fit([]) }
        #expect(throws: ClusteringError.fewerRowsThanClusters(rows: 2, clusters: 3)) {
            try KMeans(clusterCount: 3).fit([[1], [2]])
        }
        #expect(throws: ClusteringError.raggedRow(row: 1, expectedColumns: 2, actualColumns: 1)) {
            try KMeans(clusterCount: 1).fit([[1, 2], [3]])
        }
        #expect(throws: ClusteringError.nonFiniteFeature(row: 0, column: 0)) {
            try KMeans(clusterCount: 1).fit([[.infinity], [1]])
        }
        #expect(throws: ClusteringError.invalidParameter("initial centroids: 1 given for clusterCount 2")) {
            try KMeans(clusterCount: 2, initialization: .centroids([[0]])).fit(line)
        }
        #expect(throws: ClusteringError.featureCountMismatch(expected: 1, actual: 2)) {
            try KMeans(clusterCount: 2, initialization: .centroids([[0, 0], [1, 1]])).fit(line)
        }
        #expect(throws: ClusteringError.invalidParameter("restarts must be at least 1")) {
            try KMeans(clusterCount: 2, restarts: 0).fit(line)
        }
        #expect(throws: ClusteringError.invalidParameter("clusterCount must be at least 1")) {
            try KMeans(clusterCount: 0).fit(line)
        }
        #expect(throws: ClusteringError.featureCountMismatch(expected: 1, actual: 2)) {
            try KMeansModel(centroids: [[0], [1]], inertia: 0, iterations: 1, labels: []).predict([1, 2])
        }
    }

    /// Points on a small deterministic ring around each centre.
    static func blobs(centres: [[Double]], perBlob: Int) -> [[Double]] {
        centres.flatMap { centre in
            (0..<perBlob).map { index in
                let angle = Double(index) * 2 * Double.pi / Double(perBlob)
                let radius = 0.5 + 0.5 * Double(index % 3) / 2
                return [centre[0] + radius * cos(angle), centre[1] + radius * sin(angle)]
            }
        }
    }
}
