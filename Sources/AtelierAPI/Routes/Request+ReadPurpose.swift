import AtelierDomain
import AtelierREST

extension Request {
    /// The purpose a read of personal data declares: the `purpose` query parameter, or
    /// `defaultPurpose`. The purpose decides which profiles the read can see at all.
    func readPurpose(default defaultPurpose: ReadPurpose) throws(Problem) -> ReadPurpose {
        guard let name = query("purpose") else { return defaultPurpose }
        guard let purpose = ReadPurpose(rawValue: name) else {
            throw Problem.badRequest(
                "The query parameter 'purpose' must be one of \(ReadPurpose.allCases.map(\.rawValue).joined(separator: ", ")).",
                hint: "a read sees only the profiles whose consent permits its purpose")
        }
        return purpose
    }
}
