/// The person's consent currently permits `purpose` (`{"purpose": "marketing_email"}`): the
/// same decision row-level security applies to reads for that purpose, at evaluation time.
public struct ConsentCondition: Sendable, Equatable, Codable {
    public var purpose: Purpose

    public init(purpose: Purpose) {
        self.purpose = purpose
    }

    public init(from decoder: any Decoder) throws {
        let object = try RuleObject(decoder, allowed: ["purpose"], what: "a consent condition")
        purpose = try Purpose(
            try object.require(String.self, "purpose", hint: "for example \"marketing_email\""), field: object.field("purpose"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleKey.self)
        try container.encode(purpose.rawValue, forKey: RuleKey("purpose"))
    }
}
