/// How often the person did something: events named `name` (a track event, or a page or
/// screen name), optionally of one call `type`, whose properties include every pair of
/// `where` (JSON equality, `{"category": "bags"}`), within a time window, counted across every
/// profile merged into the person (`count`, default `{"gte": 1}`).
///
/// "Viewed bags at least 3 times in 14 days" is
/// `{"event": {"name": "Product Viewed", "where": {"category": "bags"}, "within": "14 days", "count": {"gte": 3}}}`.
public struct EventCondition: Sendable, Equatable {
    public var name: String?
    public var type: TrackingCallType?
    public var properties: [String: JSONScalar]
    public var window: TimeWindow
    public var count: NumberComparison

    public init(
        name: String?, type: TrackingCallType? = nil, properties: [String: JSONScalar] = [:], window: TimeWindow = .always,
        count: NumberComparison = .atLeastOnce
    ) {
        self.name = name
        self.type = type
        self.properties = properties
        self.window = window
        self.count = count
    }
}

extension EventCondition: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try RuleObject(
            decoder, allowed: ["name", "type", "where", "count"] + TimeWindow.memberNames, what: "an event condition")
        name = try object.text("name")
        type = try object.decode(String.self, "type").map { text in
            guard let type = TrackingCallType(rawValue: text) else {
                throw object.invalid(
                    "type", "is not a call type", hint: TrackingCallType.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return type
        }
        properties = try object.decode([String: JSONScalar].self, "where") ?? [:]
        guard properties.count <= 20, properties.keys.allSatisfy({ !$0.isEmpty && $0.count <= 200 }) else {
            throw object.invalid("where", "must hold at most 20 properties with names of 1 to 200 characters")
        }
        window = try TimeWindow(reading: object)
        count = try object.decode(NumberComparison.self, "count") ?? .atLeastOnce
        if name == nil, type == nil, properties.isEmpty {
            throw DomainError.invalid(
                field: object.pointer, reason: "must name the event (name), its type or properties (where)",
                hint: "for example {\"name\": \"Product Viewed\"}")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleKey.self)
        try container.encodeIfPresent(name, forKey: RuleKey("name"))
        try container.encodeIfPresent(type?.rawValue, forKey: RuleKey("type"))
        if !properties.isEmpty { try container.encode(properties, forKey: RuleKey("where")) }
        try window.encode(into: &container)
        try container.encode(count, forKey: RuleKey("count"))
    }
}
