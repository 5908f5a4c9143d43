import AtelierAlgorithms
import AtelierDomain
import AtelierREST

/// Body of `POST /v1/models/{propensity|churn}/train` (optional); members left out take their defaults.
struct ClassifierTrainRequest: Decodable, StrictDecodable {
    var horizonDays: Int?
    var inverseRegularization: Double?
    var classWeighting: ClassWeighting?

    static let allowedFields: Set<String> = ["horizonDays", "inverseRegularization", "classWeighting"]

    var parameters: ClassifierParameters {
        let defaults = ClassifierParameters()
        return ClassifierParameters(
            horizonDays: horizonDays, inverseRegularization: inverseRegularization ?? defaults.inverseRegularization,
            classWeighting: classWeighting ?? defaults.classWeighting)
    }
}
