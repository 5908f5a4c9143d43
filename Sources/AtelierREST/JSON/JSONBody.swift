import Foundation

/// Decodes request bodies and turns every decoding failure into a problem precise
/// enough for the client to fix its request without reading our code.
public enum JSONBody {
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(Problem) -> T {
        guard bytes.contains(where: { !isJSONWhitespace($0) }) else { throw Problem.missingBody }
        let data = Data(bytes)
        if let strict = T.self as? any StrictDecodable.Type {
            try rejectUnknownFields(in: data, allowed: strict.allowedFields)
        }
        do {
            return try JSONCoders.decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw problem(for: error, body: data)
        } catch let error as any ProblemConvertible {
            // A type validating itself in `init(from:)` already said what is wrong.
            throw error.problem
        } catch {
            var problem = Problem.internalError
            problem.diagnostic = "decoding \(T.self) threw \(String(reflecting: error))"
            throw problem
        }
    }

    static func problem(for error: DecodingError, body: Data) -> Problem {
        switch error {
        case .typeMismatch(let type, let context):
            let pointer = JSONPointer.from(context.codingPath)
            return .invalidField(pointer, expected: ExpectedType.describe(type))
        case .valueNotFound(let type, let context):
            return .missingField(JSONPointer.from(context.codingPath), expected: ExpectedType.describe(type))
        case .keyNotFound(let key, let context):
            return .missingField(JSONPointer.from(context.codingPath + [key]), expected: nil)
        case .dataCorrupted(let context):
            return dataCorruptedProblem(context, body: body)
        @unknown default:
            return .malformedJSON("The body could not be decoded.")
        }
    }

    /// `dataCorrupted` covers three different faults: a syntax error (no coding path),
    /// a number that does not fit its type (also no coding path: Foundation drops it),
    /// and a value a type's own initializer refused (enum raw values, dates).
    private static func dataCorruptedProblem(_ context: DecodingError.Context, body: Data) -> Problem {
        let pointer = JSONPointer.from(context.codingPath)
        if context.codingPath.isEmpty, context.debugDescription == notValidJSON {
            return JSONSyntaxError.problem(for: body) ?? numberOutOfRange
        }
        if context.debugDescription == ExpectedType.dateTime {
            return .invalidField(pointer, expected: ExpectedType.dateTime)
        }
        var problem = Problem.invalidField(pointer, expected: "a valid value")
        problem.detail = "\(problem.detail) \(context.debugDescription)"
        return problem
    }

    /// Foundation reports an integer member holding `1.5` or `1e30` as invalid JSON and
    /// drops the coding path; the document parses, so it must be a number that does not fit.
    private static var numberOutOfRange: Problem {
        var problem = Problem.invalidField("", expected: "made of values that fit their fields")
        problem.field = nil
        problem.detail =
            "A number in the body does not fit its field: a fraction, an exponent or an out-of-range value was sent where an integer was expected."
        problem.hint = "Send integers (such as amounts in minor units) without a decimal point or exponent."
        return problem
    }

    private static let notValidJSON = "The given data was not valid JSON."

    private static func rejectUnknownFields(in data: Data, allowed: Set<String>) throws(Problem) {
        // A body that is not an object fails here; the full decode then names the fault.
        guard let keys = try? JSONCoders.decoder.decode(TopLevelKeys.self, from: data) else { return }
        let unknown = keys.names.filter { !allowed.contains($0) }.sorted()
        guard let first = unknown.first else { return }
        var problem = Problem.unknownField("/" + JSONPointer.escape(first), allowed: allowed)
        if unknown.count > 1 {
            problem.errors = unknown.map { Problem.Issue(field: "/" + JSONPointer.escape($0), detail: "Unknown field.") }
        }
        throw problem
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

/// The member names of a top-level object, read without decoding their values.
private struct TopLevelKeys: Decodable {
    let names: [String]

    init(from decoder: any Decoder) throws {
        names = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        let intValue: Int? = nil
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
