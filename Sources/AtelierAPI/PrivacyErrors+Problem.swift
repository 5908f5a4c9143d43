import AtelierDomain
import AtelierREST

/// A write naming an identifier erased on request: 422 with its own type, naming the field
/// (never the value), so a sender can stop sending that customer.
extension SuppressedIdentifier: ProblemConvertible {
    public var problem: Problem {
        Problem(
            type: Problem.typeURI("suppressed-identifier"), title: "Suppressed identifier",
            status: .unprocessableContent,
            detail:
                "The \(identifierType) in '\(field)' belongs to a customer erased on request; their data is not accepted again.",
            field: field, hint: "Remove this customer from the sending system.")
    }
}

/// An export that existed and can no longer be downloaded: 410.
extension PrivacyExports.Unavailable: ProblemConvertible {
    public var problem: Problem {
        let detail =
            switch self {
            case .alreadyDownloaded: "This export was already downloaded; an export can be downloaded once."
            case .expired: "This export expired; its content was deleted."
            }
        return Problem(
            type: Problem.typeURI("export-gone"), title: "Export gone", status: .gone, detail: detail,
            hint: "Submit a new access or portability request to get a fresh export.")
    }
}
