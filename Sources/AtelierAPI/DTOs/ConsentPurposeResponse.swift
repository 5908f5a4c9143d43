import AtelierDomain
import Foundation

/// A purpose of `GET /v1/consents/purposes`.
struct ConsentPurposeResponse: Encodable {
    var purpose: String
    var lawfulBasis: String
    var description: String
    var builtIn: Bool
    var updatedAt: Date

    init(_ definition: ConsentPurposeDefinition) {
        purpose = definition.purpose.rawValue
        lawfulBasis = definition.lawfulBasis.rawValue
        description = definition.description
        builtIn = definition.builtIn
        updatedAt = definition.updatedAt
    }
}
