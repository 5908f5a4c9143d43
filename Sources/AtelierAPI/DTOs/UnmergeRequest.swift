import AtelierREST
import Foundation

/// Body of `POST /v1/profiles/{profileId}/unmerge`.
struct UnmergeRequest: Decodable, StrictDecodable {
    var mergeId: UUID

    static let allowedFields: Set<String> = ["mergeId"]
}
