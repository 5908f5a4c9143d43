import AtelierAlgorithms
import Testing

@Suite struct SilhouetteTests {
    /// Rows 0 and 5: a = 1, b = 4.5, s = 7/9; rows 1 and 4: a = 1, b = 3.5, s = 5/7.
    @Test func averagesEachRowsSeparationOverItsCohesion() throws {
        let score = try silhouetteScore([[0], [1], [4], [5]], labels: [0, 0, 1, 1])
        #expect(abs(score - (7.0 / 9 + 5.0 / 7) / 2) < 1e-15)
    }

    /// A row alone in its cluster counts 0: (0.8 + 0.75 + 0) / 3.
    @Test func countsARowAloneInItsClusterAsZero() throws {
        let score = try silhouetteScore([[0], [1], [5]], labels: [7, 7, 3])
        #expect(abs(score - 1.55 / 3) < 1e-15)
    }

    @Test func aSampleAsLargeAsTheDataGivesTheExactScore() throws {
        let rows = KMeansTests.blobs(centres: [[0, 0], [2, 1]], perBlob: 20)
        let labels = rows.map { $0[0] < 1 ? 0 : 1 }
        let exact = try silhouetteScore(rows, labels: labels)
        let sampled = try silhouetteScore(rows, labels: labels, sampleSize: 1000, seed: 3)
        #expect(abs(sampled - exact) < 1e-12)
    }

    @Test func isUndefinedForOneClusterOrOneClusterPerRow() {
        #expect(throws: ClusteringError.silhouetteUndefined(distinctLabels: 1, rows: 3)) {
            try silhouetteScore([[0], [1], [2]], labels: [4, 4, 4])
        }
        #expect(throws: ClusteringError.silhouetteUndefined(distinctLabels: 3, rows: 3)) {
            try silhouetteScore([[0], [1], [2]], labels: [0, 1, 2])
        }
        #expect(throws: ClusteringError.labelCountMismatch(rows: 3, labels: 2)) {
            try silhouetteScore([[0], [1], [2]], labels: [0, 1])
        }
        #expect(throws: ClusteringError.invalidParameter("sampleSize must be at least 1")) {
            try silhouetteScore([[0], [1], [2]], labels: [0, 1, 1], sampleSize: 0, seed: 0)
        }
    }
}
