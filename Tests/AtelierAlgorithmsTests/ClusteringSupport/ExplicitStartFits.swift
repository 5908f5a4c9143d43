import AtelierAlgorithms

/// The fits of kmeans_cdnow.json's explicit starts on CDNOW, by k, made once per test run:
/// several tests check the same models (debug builds make each fit cost seconds).
enum ExplicitStartFits {
    static let cdnow = Result { () throws -> [Int: KMeansModel] in
        let fixture = try KMeansFixture.load()
        let rows = try SegmentationTask.cdnow.get().standardized
        var fits: [Int: KMeansModel] = [:]
        for reference in fixture.explicitStart {
            let start = reference.startRows.map { rows[$0] }
            fits[reference.k] = try KMeans(clusterCount: reference.k, initialization: .centroids(start)).fit(rows)
        }
        return fits
    }

    static func model(k: Int) throws -> KMeansModel {
        guard let model = try cdnow.get()[k] else { throw FixtureError.missing("explicit start for k = \(k)") }
        return model
    }
}

enum FixtureError: Error {
    case missing(String)
}
