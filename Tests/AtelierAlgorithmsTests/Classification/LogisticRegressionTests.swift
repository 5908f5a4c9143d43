import AtelierAlgorithms
import Foundation
import Testing

@Suite struct LogisticRegressionTests {
    /// Nearly unregularised (C = 10¹⁰) on x ∈ {0, 1}: the maximum-likelihood fit reproduces the
    /// observed rates, 1/2 at x = 0 and 2/3 at x = 1, so b = logit(1/2) = 0 and w = logit(2/3) = log 2.
    @Test func reproducesObservedRatesWithoutRegularisation() throws {
        let model = try LogisticRegression(inverseRegularization: 1e10)
            .fit([[0], [0], [1], [1], [1]], labels: [false, true, false, true, true])
        #expect(abs(model.intercept) < 1e-8)
        #expect(abs(model.coefficients[0] - log(2)) < 1e-8)
        #expect(abs(try model.predictProbability([1]) - 2.0 / 3) < 1e-9)
    }

    /// Separable data has no maximum-likelihood fit (the weight runs off to infinity); the L2
    /// penalty makes the optimum finite. By symmetry the intercept is 0, and at the optimum the
    /// weight equals C·Σ (yᵢ − pᵢ)·xᵢ, the stationarity condition of scikit-learn's objective
    /// (up to n times the gradient tolerance of 1e-10, as the fit's objective is divided by n = 4).
    @Test func staysFiniteOnSeparableData() throws {
        let features: [[Double]] = [[-2], [-1], [1], [2]]
        let labels = [false, false, true, true]
        let model = try LogisticRegression(inverseRegularization: 1).fit(features, labels: labels)
        #expect(abs(model.intercept) < 1e-10)
        let probabilities = try model.predictProbabilities(features)
        let pull = zip(zip(features, labels), probabilities).reduce(0.0) { sum, sample in
            sum + ((sample.0.1 ? 1 : 0) - sample.1) * sample.0.0[0]
        }
        #expect(model.coefficients[0] > 0)
        #expect(abs(model.coefficients[0] - pull) < 4e-10)
    }

    /// Balanced weights make each class count as much in total: with 3 positives and 1 negative,
    /// positives weigh 4/6 and the negative 4/2. scikit-learn's objective C·Σ sᵢℓᵢ + ‖w‖²/2 is then
    /// (2/3)·C·(Σ ℓ over the positives + 3·ℓ of the negative) + ‖w‖²/2: the unweighted problem with
    /// the negative repeated three times, at C′ = 2C/3.
    @Test func balancedWeightingEqualsReplicatingTheMinorityClass() throws {
        let balanced = try LogisticRegression(inverseRegularization: 1, classWeighting: .balanced)
            .fit([[0.5], [1], [2], [-1]], labels: [true, true, true, false])
        let replicated = try LogisticRegression(inverseRegularization: 2.0 / 3)
            .fit([[0.5], [1], [2], [-1], [-1], [-1]], labels: [true, true, true, false, false, false])
        #expect(abs(balanced.coefficients[0] - replicated.coefficients[0]) < 1e-10)
        #expect(abs(balanced.intercept - replicated.intercept) < 1e-10)
    }

    @Test func fitIsDeterministic() throws {
        let task = try PropensityTask.cdnow.get()
        let features = try StandardScaler().fit(task.features).transform(task.features)
        let first = try LogisticRegression().fit(features, labels: task.labels)
        #expect(try LogisticRegression().fit(features, labels: task.labels) == first)
    }

    @Test func refusesBadInput() {
        #expect(throws: ClassificationError.singleClass) {
            try LogisticRegression().fit([[1], [2]], labels: [true, true])
        }
        #expect(throws: ClassificationError.labelCountMismatch(rows: 2, labels: 1)) {
            try LogisticRegression().fit([[1], [2]], labels: [true])
        }
        #expect(throws: ClassificationError.nonFiniteFeature(row: 1, column: 0)) {
            try LogisticRegression().fit([[1], [.infinity]], labels: [true, false])
        }
        #expect(throws: ClassificationError.emptyData) { try LogisticRegression().fit([], labels: []) }
        #expect(throws: ClassificationError.invalidHyperparameter("inverseRegularization (C) must be positive and finite")) {
            try LogisticRegression(inverseRegularization: 0).fit([[1], [2]], labels: [true, false])
        }
        #expect(throws: ClassificationError.featureCountMismatch(expected: 1, actual: 2)) {
            try LogisticRegressionModel(coefficients: [1], intercept: 0, iterations: 1).predictProbability([1, 2])
        }
    }

    /// scikit-learn's coefficients on the CDNOW propensity task (see PropensityTask), with and
    /// without balanced class weights. The brief's tolerance is 1e-3; both fits solve the same
    /// strictly convex problem to a tight gradient tolerance, so they are held to 1e-6 absolute
    /// (on standardised features, coefficients are of order 0.1–2). AUC and log-loss to 1e-6.
    @Test(arguments: [ClassWeighting.uniform, .balanced])
    func matchesScikitLearnOnCDNOW(weighting: ClassWeighting) throws {
        let fixture = try LogisticFixture.load()
        let reference = try #require(fixture.models.first { $0.classWeight == (weighting == .balanced ? "balanced" : "none") })
        let task = try PropensityTask.cdnow.get()
        #expect(task.features.count == fixture.data.customers)
        #expect(task.labels.count { $0 } == fixture.data.positives)
        for column in fixture.data.featureSums.indices {
            let sum = task.features.reduce(0) { $0 + $1[column] }
            #expect(relativeError(sum, fixture.data.featureSums[column]) < 1e-12)
        }
        let features = try StandardScaler().fit(task.features).transform(task.features)
        let model = try LogisticRegression(inverseRegularization: 1, classWeighting: weighting)
            .fit(features, labels: task.labels)
        for (actual, expected) in zip(model.coefficients, reference.coefficients) {
            #expect(abs(actual - expected) < 1e-6)
        }
        #expect(abs(model.intercept - reference.intercept) < 1e-6)

        let probabilities = try model.predictProbabilities(features)
        for (actual, expected) in zip(probabilities, reference.firstProbabilities) {
            #expect(abs(actual - expected) < 1e-7)
        }
        #expect(abs(try rocAUC(labels: task.labels, scores: probabilities) - reference.rocAuc) < 1e-6)
        #expect(abs(try logLoss(labels: task.labels, probabilities: probabilities) - reference.logLoss) < 1e-6)
    }
}
