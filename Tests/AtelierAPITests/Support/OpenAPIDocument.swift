import Foundation

/// Just enough of `openapi/openapi.yaml` for contract tests: the operations (method and
/// path) and the property names of each component schema. It reads the document's own
/// indentation layout (two spaces per level), which the contract test keeps honest: a
/// layout it cannot read yields no operations and the test fails.
struct OpenAPIDocument {
    let operations: Set<String>
    let schemaProperties: [String: Set<String>]

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    init(contentsOf url: URL) throws {
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var operations: Set<String> = []
        var schemaProperties: [String: Set<String>] = [:]
        var section = ""
        var currentPath: String?
        var currentSchema: String?
        var inProperties = false
        for line in lines {
            let indent = line.prefix { $0 == " " }.count
            let content = line.trimmingCharacters(in: .whitespaces)
            guard !content.isEmpty, !content.hasPrefix("#") else { continue }
            if indent == 0 {
                section = content
                continue
            }
            if section == "paths:" {
                if indent == 2, content.hasPrefix("/"), content.hasSuffix(":") {
                    currentPath = String(content.dropLast())
                } else if indent == 4, let path = currentPath, content.hasSuffix(":"),
                    Self.methods.contains(String(content.dropLast()))
                {
                    operations.insert("\(content.dropLast().uppercased()) \(path)")
                }
            } else if section == "components:" {
                if indent == 2 {
                    currentSchema = nil
                    inProperties = false
                    if content == "schemas:" { currentSchema = "" }
                } else if indent == 4, currentSchema != nil, content.hasSuffix(":") {
                    currentSchema = String(content.dropLast())
                    inProperties = false
                } else if indent == 6, let schema = currentSchema, !schema.isEmpty {
                    inProperties = content == "properties:"
                } else if indent == 8, inProperties, let schema = currentSchema, let colon = content.firstIndex(of: ":") {
                    schemaProperties[schema, default: []].insert(String(content[..<colon]))
                }
            }
        }
        self.operations = operations
        self.schemaProperties = schemaProperties
    }
}
