import AtelierAPI
import Foundation
import Testing

/// `openapi/openapi.yaml` is the contract: the server registers exactly the operations it
/// documents, and responses carry exactly the properties their schemas declare.
@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    static let document = Result {
        try OpenAPIDocument(contentsOf: APITestServer.repositoryRoot.appendingPathComponent("openapi/openapi.yaml"))
    }

    @Test func everyRegisteredRouteIsDocumentedAndEveryDocumentedOperationIsRegistered() async throws {
        let document = try Self.document.get()
        try await APITestServer.with { server in
            let registered = Set(
                APIApplication.makeRouter(dependencies: server.dependencies).routes.map { "\($0.method) \($0.path)" })
            #expect(!document.operations.isEmpty)
            #expect(registered.subtracting(document.operations).isEmpty, "registered but not documented")
            #expect(document.operations.subtracting(registered).isEmpty, "documented but not registered")
        }
    }

    @Test func responsesCarryExactlyTheirSchemasProperties() async throws {
        let schemas = try Self.document.get().schemaProperties
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let tenant = try await server.send("GET", "/v1/tenant", key: key)
            let keys = try await server.send("GET", "/v1/keys", key: key)
            let apiKey = try #require((keys.json["data"] as? [[String: Any]])?.first)
            let ready = try await server.send("GET", "/readyz")

            #expect(Set(tenant.json.keys) == schemas["Tenant"])
            #expect(Set(apiKey.keys) == schemas["APIKey"])
            #expect(Set(ready.json.keys) == schemas["Readiness"])
        }
    }

    @Test func problemResponsesCarryOnlyDocumentedMembers() async throws {
        let schemas = try Self.document.get().schemaProperties
        try await APITestServer.with { server in
            let problem = try await server.send("GET", "/v1/tenant")
            let members = Set(problem.json.keys)
            #expect(members.isSubset(of: try #require(schemas["Problem"])))
            #expect(members.isSuperset(of: ["type", "title", "status"]))
        }
    }
}
