import AtelierDomain

/// The identifiers a Segment call carries: `userId`, `anonymousId`, an alias's
/// `previousId` (an earlier anonymous id), e-mail and phone from `traits` and
/// `context.traits`, every `context.externalIds` entry, and `context.device.id`.
enum SegmentIdentifiers {
    static func identifiers(
        type: TrackingCallType, userID: String?, anonymousID: String?, previousID: String?,
        traits: [String: JSONValue], context: [String: JSONValue]
    ) throws(SegmentFieldError) -> [RawIdentifier] {
        var found: [RawIdentifier] = []
        if let userID { found.append(RawIdentifier(type: Identifier.userID, value: userID, field: "/userId", isRequired: true)) }
        if let anonymousID {
            found.append(
                RawIdentifier(type: Identifier.anonymousID, value: anonymousID, field: "/anonymousId", isRequired: true))
        }
        if let previousID {
            found.append(
                RawIdentifier(type: Identifier.anonymousID, value: previousID, field: "/previousId", isRequired: true))
        }
        let traitSources: [(String, [String: JSONValue])] =
            (type == .group ? [] : [("/traits", traits)]) + [("/context/traits", context["traits"]?.objectMembers ?? [:])]
        for (pointer, members) in traitSources {
            for type in [Identifier.email, Identifier.phone] {
                if let value = members[type]?.stringValue {
                    found.append(RawIdentifier(type: type, value: value, field: "\(pointer)/\(type)", isRequired: false))
                }
            }
        }
        if let deviceID = context["device"]?["id"]?.stringValue {
            found.append(
                RawIdentifier(type: Identifier.deviceID, value: deviceID, field: "/context/device/id", isRequired: false))
        }
        return found + (try externalIDs(context["externalIds"]))
    }

    /// `context.externalIds`: `[{id, type, collection, encoding}]`. Types are mapped to
    /// identifier type names (`ios.idfa` → `ios_idfa`); an encoded value (`encoding` other
    /// than `none`) gets its own type (`email_sha256`) so a hash never links to a clear value.
    private static func externalIDs(_ value: JSONValue?) throws(SegmentFieldError) -> [RawIdentifier] {
        guard let value, value != .null else { return [] }
        guard case .array(let entries) = value else {
            throw SegmentFieldError(field: "/context/externalIds", detail: "The field '/context/externalIds' must be an array.")
        }
        var found: [RawIdentifier] = []
        for (index, entry) in entries.enumerated() {
            let pointer = "/context/externalIds/\(index)"
            guard let id = try SegmentCall.identifierText(entry["id"], field: "\(pointer)/id") else {
                throw SegmentFieldError(field: "\(pointer)/id", detail: "Each external id needs an id.")
            }
            guard let rawType = entry["type"]?.stringValue, !rawType.isEmpty else {
                throw SegmentFieldError(field: "\(pointer)/type", detail: "Each external id needs a type, such as email.")
            }
            var type = typeName(rawType)
            if let encoding = entry["encoding"]?.stringValue?.lowercased(), !encoding.isEmpty, encoding != "none" {
                type += "_" + typeName(encoding)
            }
            found.append(RawIdentifier(type: type, value: id, field: "\(pointer)/id", isRequired: true))
        }
        return found
    }

    private static func typeName(_ raw: String) -> String {
        let mapped = String(raw.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "_" })
        return mapped.first?.isLetter == true ? mapped : "x_" + mapped
    }
}
