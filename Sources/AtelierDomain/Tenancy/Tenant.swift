import Foundation

/// A brand or workspace. Every piece of tenant data carries its `id`; nothing crosses tenants.
public struct Tenant: Sendable, Equatable, Codable {
    public var id: UUID
    /// Short, URL-safe, unique name used by the CLI (`--tenant maison-a`).
    public var slug: String
    public var name: String
    public var createdAt: Date

    public init(id: UUID, slug: String, name: String, createdAt: Date) {
        self.id = id
        self.slug = slug
        self.name = name
        self.createdAt = createdAt
    }
}
