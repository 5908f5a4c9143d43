import AtelierAlgorithms
import Testing

@Suite struct ClassificationMetricsTests {
    /// scikit-learn's documentation example for `roc_auc_score`: 3 of the 4 positive–negative
    /// pairs are ordered correctly.
    @Test func rocAUCCountsCorrectlyOrderedPairs() throws {
        #expect(try rocAUC(labels: [false, false, true, true], scores: [0.1, 0.4, 0.35, 0.8]) == 0.75)
    }

    @Test func rocAUCCountsTiesAsOneHalf() throws {
        #expect(try rocAUC(labels: [false, true], scores: [0.5, 0.5]) == 0.5)
        #expect(try rocAUC(labels: [false, true, true, false], scores: [0.2, 0.7, 0.2, 0.1]) == 0.875)
    }

    /// scikit-learn's documentation example for `log_loss` (classes "ham" < "spam", spam positive).
    @Test func logLossMatchesScikitLearnExample() throws {
        let value = try logLoss(labels: [true, false, false, true], probabilities: [0.9, 0.1, 0.2, 0.65])
        #expect(abs(value - 0.21616187468057912) < 1e-15)
    }

    @Test func logLossStaysFiniteForConfidentMistakes() throws {
        let value = try logLoss(labels: [true], probabilities: [0])
        #expect(abs(value - 36.04365338911715) < 1e-9)
    }

    @Test func metricsRefuseBadInput() {
        #expect(throws: MetricError.singleClass) { try rocAUC(labels: [true, true], scores: [0.1, 0.2]) }
        #expect(throws: MetricError.countMismatch(labels: 2, scores: 1)) { try rocAUC(labels: [true, false], scores: [0.1]) }
        #expect(throws: MetricError.nonFiniteScore(index: 1)) { try rocAUC(labels: [true, false], scores: [0.1, .nan]) }
        #expect(throws: MetricError.emptyData) { try logLoss(labels: [], probabilities: []) }
        #expect(throws: MetricError.probabilityOutOfRange(index: 0)) { try logLoss(labels: [true], probabilities: [1.5]) }
    }
}
