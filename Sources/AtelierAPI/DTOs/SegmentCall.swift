import AtelierDomain
import Foundation

/// Reads one call of Segment's HTTP Tracking API (track, identify, page, screen, group,
/// alias) from its JSON object into a `TrackingCall`, accepting the payloads Segment's and
/// RudderStack's libraries send unchanged. Unknown members are ignored, as Segment does;
/// members Atelier reads must have the types the spec gives them.
enum SegmentCall {
    /// - Parameters:
    ///   - type: the endpoint's call type; nil inside a batch, where each item names its own.
    ///   - batch: members of the batch envelope (`context`, `integrations`, `sentAt`) each item inherits.
    static func read(_ value: JSONValue, type endpointType: TrackingCallType?, batch: JSONValue? = nil) throws(SegmentFieldError)
        -> TrackingCall
    {
        guard case .object(var members) = value else {
            throw SegmentFieldError(field: "", detail: "Each call must be a JSON object.")
        }
        if value.containsNUL {
            throw SegmentFieldError(
                field: "", detail: "The call contains a NUL character (\\u0000), which cannot be stored; remove it.")
        }
        let type = try callType(members["type"], endpointType: endpointType)
        if let batchContext = batch?["context"]?.objectMembers {
            var context = members["context"]?.objectMembers ?? [:]
            context.merge(batchContext) { own, _ in own }
            members["context"] = .object(context)
        }
        if members["integrations"] == nil, let integrations = batch?["integrations"] { members["integrations"] = integrations }
        let context = try object(members["context"], field: "/context")
        let traits = try object(members["traits"], field: "/traits")
        let properties = try object(members["properties"], field: "/properties")
        let integrations = try object(members["integrations"], field: "/integrations")
        let userID = try identifierText(members["userId"], field: "/userId")
        let anonymousID = try identifierText(members["anonymousId"], field: "/anonymousId")
        let previousID = try identifierText(members["previousId"], field: "/previousId")
        let groupID = try identifierText(members["groupId"], field: "/groupId")
        let event = try text(members["event"], field: "/event")
        let name = try text(members["name"], field: "/name")
        try requireMembers(of: type, event: event, previousID: previousID, groupID: groupID)
        return TrackingCall(
            type: type, messageID: try text(members["messageId"], field: "/messageId") ?? "atelier-\(UUID().uuidString)",
            event: type == .track ? event : (name ?? properties["name"].flatMap(\.stringValue)),
            userID: userID, anonymousID: anonymousID, previousID: previousID, groupID: groupID,
            timestamp: try date(members["timestamp"] ?? members["originalTimestamp"], field: "/timestamp"),
            sentAt: try date(members["sentAt"] ?? batch?["sentAt"], field: "/sentAt"),
            channel: SegmentChannel.channel(type: type, context: context),
            identifiers: try SegmentIdentifiers.identifiers(
                type: type, userID: userID, anonymousID: anonymousID, previousID: previousID, traits: traits,
                context: context),
            profileTraits: type == .identify ? profileTraits(traits: traits, context: context) : [:],
            properties: JSONValue.object(properties).jsonText, traits: JSONValue.object(traits).jsonText,
            context: JSONValue.object(context).jsonText, integrations: JSONValue.object(integrations).jsonText,
            categoryPreferences: try categoryPreferences(context: context))
    }

    /// `context.consent.categoryPreferences` (Segment's Consent Management): an object of
    /// category names to booleans. A value of another type rejects the call, so a consent
    /// signal is never half-read.
    private static func categoryPreferences(context: [String: JSONValue]) throws(SegmentFieldError) -> CategoryPreferences? {
        guard let value = context["consent"]?["categoryPreferences"], value != .null else { return nil }
        let field = "/context/consent/categoryPreferences"
        guard case .object(let members) = value else {
            throw SegmentFieldError(field: field, detail: "The field '\(field)' must be an object of category names to booleans.")
        }
        var granted: [String: Bool] = [:]
        for (category, choice) in members {
            guard case .bool(let flag) = choice else {
                throw SegmentFieldError(
                    field: field + "/" + category, detail: "The field '\(field)/\(category)' must be a boolean.")
            }
            granted[category] = flag
        }
        return CategoryPreferences(granted: granted, raw: value.jsonText)
    }

    private static func callType(_ value: JSONValue?, endpointType: TrackingCallType?) throws(SegmentFieldError)
        -> TrackingCallType
    {
        let names = TrackingCallType.allCases.map(\.rawValue).joined(separator: ", ")
        guard let value, value != .null else {
            guard let endpointType else {
                throw SegmentFieldError(field: "/type", detail: "Each call of a batch needs a type: one of \(names).")
            }
            return endpointType
        }
        guard case .string(let name) = value, let type = TrackingCallType(rawValue: name) else {
            throw SegmentFieldError(field: "/type", detail: "The field '/type' must be one of \(names).")
        }
        if let endpointType, endpointType != type {
            throw SegmentFieldError(
                field: "/type", detail: "The field '/type' is '\(type.rawValue)' but this endpoint takes \(endpointType.rawValue) calls.")
        }
        return type
    }

    private static func requireMembers(
        of type: TrackingCallType, event: String?, previousID: String?, groupID: String?
    ) throws(SegmentFieldError) {
        switch type {
        case .track where event?.isEmpty != false:
            throw SegmentFieldError(field: "/event", detail: "A track call needs a non-empty event name.")
        case .alias where previousID == nil:
            throw SegmentFieldError(field: "/previousId", detail: "An alias call needs a previousId.")
        case .group where groupID == nil:
            throw SegmentFieldError(field: "/groupId", detail: "A group call needs a groupId.")
        default:
            return
        }
    }

    /// Identify traits kept on the profile: `context.traits` overlaid by `traits`.
    private static func profileTraits(traits: [String: JSONValue], context: [String: JSONValue]) -> [String: String] {
        var merged = context["traits"]?.objectMembers ?? [:]
        merged.merge(traits) { _, own in own }
        return merged.mapValues(\.jsonText)
    }

    static func object(_ value: JSONValue?, field: String) throws(SegmentFieldError) -> [String: JSONValue] {
        switch value {
        case nil, .null?: return [:]
        case .object(let members)?: return members
        default: throw SegmentFieldError(field: field, detail: "The field '\(field)' must be an object.")
        }
    }

    private static func text(_ value: JSONValue?, field: String) throws(SegmentFieldError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw SegmentFieldError(field: field, detail: "The field '\(field)' must be a string.")
        }
    }

    /// Segment accepts numbers for ids (`"userId": 97980`); they are kept as their text.
    static func identifierText(_ value: JSONValue?, field: String) throws(SegmentFieldError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?:
            return text.contains(where: { !$0.isWhitespace }) ? text : nil
        case .integer(let number)?: return String(number)
        default: throw SegmentFieldError(field: field, detail: "The field '\(field)' must be a string.")
        }
    }

    private static func date(_ value: JSONValue?, field: String) throws(SegmentFieldError) -> Date? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?:
            if let date = try? fractionalDate.parse(text) { return date }
            if let date = try? wholeSecondDate.parse(text) { return date }
            throw SegmentFieldError(
                field: field, detail: "The field '\(field)' must be an ISO-8601 date-time such as 2024-05-01T12:30:00.000Z.")
        default:
            throw SegmentFieldError(field: field, detail: "The field '\(field)' must be an ISO-8601 date-time string.")
        }
    }

    private static let fractionalDate = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let wholeSecondDate = Date.ISO8601FormatStyle()
}
