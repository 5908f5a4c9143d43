/// The person has at least one identifier of `type` (`{"type": "email"}`) on any profile
/// merged into it.
public struct IdentifierCondition: Sendable, Equatable, Codable {
    public var type: String

    public init(type: String) {
        self.type = type
    }

    public init(from decoder: any Decoder) throws {
        let object = try RuleObject(decoder, allowed: ["type"], what: "an identifier condition")
        let type = try object.require(String.self, "type", hint: "for example \"email\"")
        guard Identifier.isValidType(type) else {
            throw object.invalid(
                "type", "is not an identifier type", hint: "built in: " + Identifier.builtInTypes.joined(separator: ", "))
        }
        self.type = type
    }
}
