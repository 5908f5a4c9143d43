/// |actual − expected| / |expected|, the measure the reference tests state their tolerances in.
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    abs(actual - expected) / abs(expected)
}
