import AtelierAlgorithms
import Testing

/// k-means and the silhouette against scikit-learn 1.9.1 on CDNOW_master's 23,570 customers
/// (standardised weeks since last purchase, frequency, monetary value, tenure); reference values
/// from scripts/reference/kmeans_reference.py. See BENCHMARKS.md.
@Suite struct KMeansCDNOWTests {
    @Test func featuresAreScikitLearnsStandardisedRFM() throws {
        let fixture = try KMeansFixture.load()
        let task = try SegmentationTask.cdnow.get()
        #expect(task.features.count == fixture.data.customers)
        for column in fixture.data.featureSums.indices {
            let sum = task.features.reduce(0) { $0 + $1[column] }
            #expect(relativeError(sum, fixture.data.featureSums[column]) < 1e-12)
            #expect(relativeError(task.scaler.mean[column], fixture.data.scaler.mean[column]) < 1e-12)
            #expect(relativeError(task.scaler.scale[column], fixture.data.scaler.scale[column]) < 1e-12)
        }
    }

    /// (a) From the same starting rows, one run: the same label for every customer, the same
    /// number of iterations, the same inertia and centroids.
    @Test(arguments: 2...8) func fromTheSameStartMatchesScikitLearnRowForRow(k: Int) throws {
        let fixture = try KMeansFixture.load()
        let reference = try #require(fixture.explicitStart.first { $0.k == k })
        expect(try ExplicitStartFits.model(k: k), matches: reference)
    }

    /// (b) k-means++ with the same seed and restarts draws the same starts as scikit-learn, so
    /// the kept run is the same partition. (Benchmarks/KMeansFit checks 10 restarts and more
    /// seeds, too slow for a debug build.)
    @Test(arguments: 2...8) func kMeansPlusPlusMatchesScikitLearnForTheSameSeed(k: Int) throws {
        let fixture = try KMeansFixture.load()
        let task = try SegmentationTask.cdnow.get()
        let reference = try #require(fixture.kmeansPlusPlus.first { $0.k == k && $0.nInit == KMeansFixture.testRestarts })
        let model = try KMeans(clusterCount: k, restarts: reference.nInit, seed: reference.seed).fit(task.standardized)
        expect(model, matches: reference)
    }

    /// (c) The silhouette of the same labels as scikit-learn's (checked in (a)): exact on the
    /// first rows, and on a seeded sample of all rows (the same rows as scikit-learn samples).
    @Test(arguments: 2...8) func silhouetteMatchesScikitLearn(k: Int) throws {
        let fixture = try KMeansFixture.load()
        let task = try SegmentationTask.cdnow.get()
        let reference = try #require(fixture.explicitStart.first { $0.k == k })
        let labels = try ExplicitStartFits.model(k: k).labels
        try #require(labelsFNV1a64(labels) == reference.labelsHash)
        let rows = fixture.silhouette.firstRows
        let exact = try silhouetteScore(Array(task.standardized.prefix(rows)), labels: Array(labels.prefix(rows)))
        #expect(relativeError(exact, reference.silhouetteFirstRows) < 1e-9)
        let sampled = try silhouetteScore(
            task.standardized, labels: labels, sampleSize: fixture.silhouette.sampleSize, seed: fixture.silhouette.sampleSeed)
        #expect(relativeError(sampled, reference.silhouetteSampled) < 1e-9)
    }

    /// Identical assignments (labels hash and sizes), iterations, inertia to 1e-9 relative and
    /// centroids to 1e-9.
    private func expect(_ model: KMeansModel, matches reference: some ScikitLearnFit) {
        #expect(labelsFNV1a64(model.labels) == reference.labelsHash)
        #expect(model.clusterSizes == reference.sizes)
        #expect(model.iterations == reference.iterations)
        #expect(relativeError(model.inertia, reference.inertia) < 1e-9)
        #expect(model.centroids.count == reference.centroids.count)
        for (actualRow, expectedRow) in zip(model.centroids, reference.centroids) {
            for (value, expected) in zip(actualRow, expectedRow) { #expect(abs(value - expected) < 1e-9) }
        }
    }
}
