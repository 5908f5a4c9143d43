import AtelierDomain
import Foundation

/// `Tenant` in the OpenAPI schema.
struct TenantResponse: Encodable {
    var id: String
    var slug: String
    var name: String
    var createdAt: Date

    init(_ tenant: Tenant) {
        id = tenant.id.uuidString.lowercased()
        slug = tenant.slug
        name = tenant.name
        createdAt = tenant.createdAt
    }
}
