import AtelierAlgorithms
import Testing

@Suite struct ClusterDescriberTests {
    private let scaler = StandardScalerModel(mean: [10, 100, 0.2], scale: [2, 50, 0.1])
    private let features = [
        ClusterFeature(name: "days since last purchase", highWord: "lapsed", lowWord: "recent"),
        ClusterFeature(name: "monetary"),
        ClusterFeature(name: "return rate"),
    ]

    @Test func givesCentroidsInOriginalUnitsAndNamesTheLargestDeviations() throws {
        let model = KMeansModel(
            centroids: [[-1.5, 1.8, -0.6], [0.1, -0.2, 0.3]], inertia: 0, iterations: 1, labels: [0, 1, 1, 1])
        let descriptions = try ClusterDescriber(features: features).describe(model, scaler: scaler)
        #expect(descriptions[0].size == 1)
        #expect(descriptions[0].share == 0.25)
        #expect(zip(descriptions[0].centroid, [7, 190, 0.14]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(descriptions[0].deviations == [-1.5, 1.8, -0.6])
        #expect(descriptions[0].distinguishingFeatures.map(\.name) == ["monetary", "days since last purchase", "return rate"])
        #expect(descriptions[0].distinguishingFeatures[1].value == 7)
        #expect(descriptions[0].distinguishingFeatures[1].populationMean == 10)
        #expect(descriptions[0].label == "high monetary, recent, low return rate")
        #expect(descriptions[1].distinguishingFeatures.isEmpty)
        #expect(descriptions[1].label == "typical")
    }

    @Test func keepsAtMostTheConfiguredFeaturesEarlierFeatureFirstOnTies() throws {
        let model = KMeansModel(centroids: [[1, -1, 0.9]], inertia: 0, iterations: 1, labels: [0])
        let describer = ClusterDescriber(features: features, maximumFeatures: 2, minimumDeviation: 0.95)
        let description = try #require(try describer.describe(model, scaler: scaler).first)
        #expect(description.label == "lapsed, low monetary")
    }

    @Test func saysVeryFromTheStrongDeviationOn() throws {
        let model = KMeansModel(centroids: [[-2.5, 2, 0.5]], inertia: 0, iterations: 1, labels: [0])
        let description = try #require(try ClusterDescriber(features: features).describe(model, scaler: scaler).first)
        #expect(description.label == "very recent, very high monetary, high return rate")
    }

    @Test func numbersRepeatedLabels() throws {
        let model = KMeansModel(
            centroids: [[0, 1, 0], [0, 1.5, 0], [0, 0, 0], [0, 0, 0.1]], inertia: 0, iterations: 1, labels: [0, 1, 2, 3])
        let labels = try ClusterDescriber(features: features).describe(model, scaler: scaler).map(\.label)
        #expect(labels == ["high monetary", "high monetary (2)", "typical", "typical (2)"])
    }

    @Test func refusesAScalerOrModelOfAnotherWidth() {
        let model = KMeansModel(centroids: [[0, 1]], inertia: 0, iterations: 1, labels: [0])
        #expect(throws: ClusteringError.featureCountMismatch(expected: 3, actual: 2)) {
            try ClusterDescriber(features: features).describe(model, scaler: scaler)
        }
        #expect(throws: ClusteringError.featureCountMismatch(expected: 3, actual: 2)) {
            try ClusterDescriber(features: features)
                .describe(model, scaler: StandardScalerModel(mean: [0, 0], scale: [1, 1]))
        }
    }

    /// scikit-learn's k = 4 centroids on CDNOW, mapped back through its scaler, are the
    /// descriptions' centroids; the labels read as RFM segments.
    @Test func describesCDNOWSegmentsInWeeksAndDollars() throws {
        let fixture = try KMeansFixture.load()
        let task = try SegmentationTask.cdnow.get()
        let reference = try #require(fixture.explicitStart.first { $0.k == 4 })
        let model = try ExplicitStartFits.model(k: 4)
        let describer = ClusterDescriber(features: [
            ClusterFeature(name: "weeks since last purchase", highWord: "lapsed", lowWord: "recent"),
            ClusterFeature(name: "frequency"),
            ClusterFeature(name: "monetary value"),
            ClusterFeature(name: "tenure", highWord: "long-standing", lowWord: "new"),
        ])
        let descriptions = try describer.describe(model, scaler: task.scaler)
        #expect(descriptions.map(\.size) == reference.sizes)
        #expect(descriptions.map(\.size).reduce(0, +) == fixture.data.customers)
        for (description, centroid) in zip(descriptions, reference.centroids) {
            for column in centroid.indices {
                let original = centroid[column] * fixture.data.scaler.scale[column] + fixture.data.scaler.mean[column]
                #expect(abs(description.centroid[column] - original) < 1e-9 * max(1, abs(original)))
            }
        }
        #expect(Set(descriptions.map(\.label)).count == 4)
    }
}
