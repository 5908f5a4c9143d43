import AtelierDomain
import ArgumentParser
import Foundation

/// Operator commands for API keys: the way to get the first `admin` key of a tenant.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Issue, list and revoke API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a key; prints `key: <secret>` once (only its hash is stored).")

        @Option(help: "Tenant id or slug.") var tenant: String
        @Option(help: "Comma-separated scopes, e.g. admin or events:write,profiles:read.") var scopes: String
        @Option(help: "A name to tell the key apart.") var name: String = "cli"
        @Option(help: "Days until the key expires; never when omitted.") var expiresInDays: Int?

        func run() async throws {
            let parsedScopes = try Scope.parse(scopes.split(separator: ",").map(String.init))
            let expiresAt = expiresInDays.map { Date().addingTimeInterval(Double($0) * 86_400) }
            let (reference, name) = (tenant, name)
            let created = try await AtelierRuntime.withRuntime(label: "atelier.keys") { runtime in
                let owner = try await runtime.tenants.find(reference: reference)
                return try await runtime.makeAPIKeys().create(
                    tenantID: owner.id, name: name, scopes: parsedScopes, expiresAt: expiresAt, by: .cli)
            }
            print("key: \(created.secret)")
            print("id: \(created.key.id.uuidString.lowercased())")
            print("scopes: \(created.key.scopes.map(\.rawValue).sorted().joined(separator: ","))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a tenant's keys (never their secrets).")

        @Option(help: "Tenant id or slug.") var tenant: String

        func run() async throws {
            let reference = tenant
            let keys = try await AtelierRuntime.withRuntime(label: "atelier.keys") { runtime in
                let owner = try await runtime.tenants.find(reference: reference)
                return try await runtime.makeAPIKeys().list(tenantID: owner.id)
            }
            let now = Date()
            for key in keys {
                let state = key.revokedAt != nil ? "revoked" : (key.isActive(at: now) ? "active" : "expired")
                let scopes = key.scopes.map(\.rawValue).joined(separator: ",")
                print("\(key.id.uuidString.lowercased())\t\(key.prefix)\t\(state)\t\(key.name)\t\(scopes)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key; it stops working at once.")

        @Option(help: "Tenant id or slug.") var tenant: String
        @Option(help: "The key's id (from `keys list`).") var keyId: String

        func run() async throws {
            guard let keyID = UUID(uuidString: keyId) else {
                throw ValidationError("--key-id must be a UUID")
            }
            let reference = tenant
            let key = try await AtelierRuntime.withRuntime(label: "atelier.keys") { runtime in
                let owner = try await runtime.tenants.find(reference: reference)
                return try await runtime.makeAPIKeys().revoke(tenantID: owner.id, keyID: keyID, by: .cli)
            }
            print("revoked: \(key.id.uuidString.lowercased())")
        }
    }
}
