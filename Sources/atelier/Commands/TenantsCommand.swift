import AtelierDomain
import ArgumentParser
import Foundation

/// Operator commands for tenants (brands or workspaces); keys are issued per tenant.
struct TenantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenants", abstract: "Create and list tenants.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a tenant; prints `tenant: <uuid>`.")

        @Option(help: "Display name, e.g. \"Maison A\".") var name: String
        @Option(help: "URL-safe unique name; derived from the name when omitted.") var slug: String?

        func run() async throws {
            let (name, slug) = (name, slug ?? Self.slug(from: name))
            let tenant = try await AtelierRuntime.withRuntime(label: "atelier.tenants") { runtime in
                try await runtime.tenants.create(name: name, slug: slug, by: .cli)
            }
            print("tenant: \(tenant.id.uuidString.lowercased())")
            print("slug: \(tenant.slug)")
        }

        /// "Maison Élise" → "maison-elise".
        static func slug(from name: String) -> String {
            let folded = name.lowercased().folding(options: .diacriticInsensitive, locale: nil)
            let words = folded.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
            return String(words.joined(separator: "-").prefix(63))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tenants.")

        func run() async throws {
            let tenants = try await AtelierRuntime.withRuntime(label: "atelier.tenants") { runtime in
                try await runtime.tenants.list()
            }
            for tenant in tenants {
                print("\(tenant.id.uuidString.lowercased())\t\(tenant.slug)\t\(tenant.name)")
            }
        }
    }
}
