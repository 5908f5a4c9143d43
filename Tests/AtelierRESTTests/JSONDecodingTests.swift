import AtelierHTTP
import AtelierREST
import Foundation
import Testing

private struct Order: Codable, Sendable {
    struct Item: Codable, Sendable {
        var sku: String
        var price: Int
    }
    var customer: String
    var items: [Item]
    var placedAt: Date?
}

private struct Contact: StrictDecodable, Codable, Sendable {
    static let allowedFields: Set<String> = ["email", "name"]
    var email: String
    var name: String?
}

/// Validates itself while decoding, as DTOs with range rules do.
private struct Quantity: Codable, Sendable {
    var value: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(Int.self, forKey: .value)
        guard value > 0 else {
            throw Problem.invalidField("/value", expected: "a positive integer", hint: "Send at least 1.")
        }
    }
}

@Suite struct JSONDecoding {
    private func decodeOrder(_ body: String) async throws -> HTTPResponse {
        let app = try makeApplication { router in router.post("/orders", echo(Order.self)) }
        return await app.respond(to: postJSON("/orders", body))
    }

    @Test func malformedJSONIs400NamingLineAndColumn() async throws {
        let response = try await decodeOrder("{\"customer\": \"c1\",\n  \"items\": [,]}")
        #expect(response.status == .badRequest)
        let body = try #require(problem(in: response))
        #expect(body.type == "https://atelier.dev/problems/malformed-json")
        #expect(body.detail == "The body is not valid JSON: invalid value at line 2, column 13 (byte offset 31).")
    }

    @Test func truncatedJSONIs400PointingAtTheEnd() async throws {
        let response = try await decodeOrder("{\"customer\": \"c1\"")
        #expect(response.status == .badRequest)
        #expect(problem(in: response)?.detail.contains("end of file") == true)
        #expect(problem(in: response)?.detail.contains("line 1, column 18") == true)
    }

    @Test func emptyBodyIs400MissingBody() async throws {
        let response = try await decodeOrder("  \n")
        #expect(response.status == .badRequest)
        #expect(problem(in: response)?.type == Problem.typeURI("missing-body"))
    }

    @Test func bodyThatIsNotAnObjectIs422() async throws {
        let response = try await decodeOrder("[1, 2]")
        #expect(response.status == .unprocessableContent)
        let body = try #require(problem(in: response))
        #expect(body.field == "")
        #expect(body.detail == "The request body must be an object.")
    }

    @Test func wrongTypeIs422WithPointerIncludingArrayIndex() async throws {
        let response = try await decodeOrder(
            #"{"customer": "c1", "items": [{"sku": "a", "price": 1}, {"sku": "b", "price": "12.50"}]}"#)
        #expect(response.status == .unprocessableContent)
        let body = try #require(problem(in: response))
        #expect(body.type == "https://atelier.dev/problems/invalid-field")
        #expect(body.field == "/items/1/price")
        #expect(body.detail == "The field '/items/1/price' must be an integer.")
    }

    @Test func missingFieldIs422NamingIt() async throws {
        let response = try await decodeOrder(#"{"customer": "c1", "items": [{"price": 1}]}"#)
        #expect(response.status == .unprocessableContent)
        #expect(problem(in: response)?.field == "/items/0/sku")
        #expect(problem(in: response)?.detail == "The field '/items/0/sku' is required.")
    }

    @Test func nullForRequiredFieldIs422() async throws {
        let response = try await decodeOrder(#"{"customer": null, "items": []}"#)
        #expect(problem(in: response)?.field == "/customer")
        #expect(problem(in: response)?.detail == "The field '/customer' is required and must be a string.")
    }

    @Test func badDateIs422NamingTheExpectedFormat() async throws {
        let response = try await decodeOrder(#"{"customer": "c1", "items": [], "placedAt": "yesterday"}"#)
        #expect(response.status == .unprocessableContent)
        #expect(problem(in: response)?.field == "/placedAt")
        #expect(problem(in: response)?.detail.contains("ISO-8601") == true)
    }

    @Test func datesDecodeWithOrWithoutFractionalSecondsAndEncodeWithThem() async throws {
        let whole = try await decodeOrder(#"{"customer": "c", "items": [], "placedAt": "2024-05-01T09:30:00Z"}"#)
        #expect(text(of: whole).contains(#""placedAt":"2024-05-01T09:30:00.000Z""#))
        let fractional = try await decodeOrder(
            #"{"customer": "c", "items": [], "placedAt": "2024-05-01T11:30:00.250+02:00"}"#)
        #expect(text(of: fractional).contains(#""placedAt":"2024-05-01T09:30:00.250Z""#))
    }

    @Test func fractionWhereAnIntegerIsExpectedIs422() async throws {
        let response = try await decodeOrder(#"{"customer": "c1", "items": [{"sku": "a", "price": 12.5}]}"#)
        #expect(response.status == .unprocessableContent)
        #expect(problem(in: response)?.type == Problem.typeURI("invalid-field"))
    }

    @Test func unicodeAndSQLMetacharactersDecodeVerbatim() async throws {
        let tricky = #"Robert'); DROP TABLE customers;-- %_\ 👜 日本 Ünïcödé \u0000"#
        let response = try await decodeOrder(
            #"{"customer": "Robert'); DROP TABLE customers;-- %_\\ 👜 日本 Ünïcödé \\u0000", "items": []}"#)
        #expect(response.status == .ok)
        let decoded = try JSONDecoder().decode(Order.self, from: Data(response.body))
        #expect(decoded.customer == tricky)
    }

    @Test func unknownFieldOnStrictTypeIs422NamingIt() async throws {
        let app = try makeApplication { router in router.post("/contacts", echo(Contact.self)) }
        let response = await app.respond(to: postJSON("/contacts", #"{"email": "a@b.c", "emial": "x"}"#))
        #expect(response.status == .unprocessableContent)
        let body = try #require(problem(in: response))
        #expect(body.type == Problem.typeURI("unknown-field"))
        #expect(body.field == "/emial")
        #expect(body.hint == "Allowed fields: email, name.")
    }

    @Test func strictTypeAcceptsItsOwnFields() async throws {
        let app = try makeApplication { router in router.post("/contacts", echo(Contact.self)) }
        let response = await app.respond(to: postJSON("/contacts", #"{"email": "a@b.c", "name": "Ada"}"#))
        #expect(response.status == .ok)
    }

    @Test func problemThrownWhileDecodingIsPassedThrough() async throws {
        let app = try makeApplication { router in router.post("/quantities", echo(Quantity.self)) }
        let response = await app.respond(to: postJSON("/quantities", #"{"value": 0}"#))
        #expect(response.status == .unprocessableContent)
        #expect(problem(in: response)?.detail == "The field '/value' must be a positive integer.")
        #expect(problem(in: response)?.hint == "Send at least 1.")
    }
}
