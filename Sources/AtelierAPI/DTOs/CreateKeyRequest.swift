import AtelierREST
import Foundation

/// Body of `POST /v1/keys`. Strict: an unknown member is refused, so a misspelt
/// `scope` never silently issues a key without the intended rights.
struct CreateKeyRequest: Decodable, StrictDecodable {
    var name: String
    var scopes: [String]
    var audienceIds: [UUID]?
    var expiresAt: Date?

    static let allowedFields: Set<String> = ["name", "scopes", "audienceIds", "expiresAt"]
}
