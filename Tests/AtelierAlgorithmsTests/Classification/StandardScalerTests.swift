import AtelierAlgorithms
import Testing

@Suite struct StandardScalerTests {
    @Test func usesPopulationStandardDeviationAndUnitScaleForConstants() throws {
        let model = try StandardScaler().fit([[1, 5], [3, 5]])
        #expect(model.mean == [2, 5])
        #expect(model.scale == [1, 1])
        #expect(try model.transform([[1, 5], [3, 5]]) == [[-1, 0], [1, 0]])
    }

    @Test func refusesBadShapesAndValues() {
        #expect(throws: ClassificationError.emptyData) { try StandardScaler().fit([]) }
        #expect(throws: ClassificationError.raggedRow(row: 1, expectedColumns: 2, actualColumns: 1)) {
            try StandardScaler().fit([[1, 2], [3]])
        }
        #expect(throws: ClassificationError.nonFiniteFeature(row: 0, column: 1)) {
            try StandardScaler().fit([[1, .nan]])
        }
        #expect(throws: ClassificationError.featureCountMismatch(expected: 2, actual: 3)) {
            try StandardScalerModel(mean: [0, 0], scale: [1, 1]).transform([1, 2, 3])
        }
    }

    @Test func matchesScikitLearnOnCDNOWFeatures() throws {
        let fixture = try LogisticFixture.load()
        let task = try PropensityTask.cdnow.get()
        let model = try StandardScaler().fit(task.features)
        for column in model.mean.indices {
            #expect(relativeError(model.mean[column], fixture.scaler.mean[column]) < 1e-12)
            #expect(relativeError(model.scale[column], fixture.scaler.scale[column]) < 1e-12)
        }
    }
}
