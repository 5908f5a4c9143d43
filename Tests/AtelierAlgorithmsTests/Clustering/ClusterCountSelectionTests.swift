import AtelierAlgorithms
import Testing

@Suite struct ClusterCountSelectionTests {
    private let threeGroups = KMeansTests.blobs(centres: [[0, 0], [10, 0], [5, 9]], perBlob: 20)

    @Test func silhouetteChoosesTheNumberOfSeparatedGroupsAndReportsEveryCandidate() throws {
        let choice = try ClusterCountSelection(candidates: 2...5, criterion: .silhouette(sampleSize: nil), restarts: 3)
            .fit(threeGroups)
        #expect(choice.clusterCount == 3)
        #expect(choice.model.centroids.count == 3)
        #expect(choice.scores.map(\.clusterCount) == [2, 3, 4, 5])
        let silhouettes = choice.scores.compactMap(\.silhouette)
        #expect(silhouettes.count == 4)
        #expect(silhouettes.max() == choice.scores[1].silhouette)
        #expect(choice.scores.allSatisfy { $0.elbowDistance == nil })
    }

    @Test func elbowChoosesWhereInertiaStopsFallingSteeply() throws {
        let choice = try ClusterCountSelection(candidates: 1...6, criterion: .elbow, restarts: 3).fit(threeGroups)
        #expect(choice.clusterCount == 3)
        #expect(choice.scores.count == 6)
        let inertias = choice.scores.map(\.inertia)
        #expect(zip(inertias, inertias.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(choice.scores.first?.elbowDistance == 0)
        #expect(choice.scores.allSatisfy { $0.silhouette == nil })
    }

    @Test func refusesCandidatesItCannotScore() {
        #expect(throws: ClusteringError.invalidParameter("silhouette needs candidates from 2 clusters")) {
            try ClusterCountSelection(candidates: 1...4, criterion: .silhouette(sampleSize: nil)).fit(threeGroups)
        }
        #expect(throws: ClusteringError.invalidParameter("the elbow rule needs at least three candidates")) {
            try ClusterCountSelection(candidates: 2...3, criterion: .elbow).fit(threeGroups)
        }
        #expect(throws: ClusteringError.fewerRowsThanClusters(rows: 60, clusters: 61)) {
            try ClusterCountSelection(candidates: 2...61).fit(threeGroups)
        }
    }
}
