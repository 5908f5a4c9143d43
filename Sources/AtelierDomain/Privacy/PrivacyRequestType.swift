/// What a data subject asked for, in OpenDSR's vocabulary (`subject_request_type`), plus
/// `restriction` (GDPR art. 18: keep the data, process none of it).
public enum PrivacyRequestType: String, Sendable, CaseIterable, Codable {
    case erasure, access, portability, restriction
}
