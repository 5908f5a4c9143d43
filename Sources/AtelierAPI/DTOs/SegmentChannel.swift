import AtelierDomain

/// Where a Segment call comes from, in Atelier's channel vocabulary (web, app, store,
/// phone, server): `context.channel` when the client says (Segment's own `browser`,
/// `mobile`, `server` are mapped), else guessed from the context the libraries fill in.
enum SegmentChannel {
    static func channel(type: TrackingCallType, context: [String: JSONValue]) -> String {
        if let declared = context["channel"]?.stringValue?.lowercased(), !declared.isEmpty {
            return aliases[declared] ?? String(declared.prefix(32))
        }
        if context["app"] != nil || context["os"]?["name"]?.stringValue.map(mobileSystems.contains) == true {
            return "app"
        }
        if type == .page || context["page"] != nil || context["userAgent"] != nil {
            return "web"
        }
        return type == .screen ? "app" : "server"
    }

    private static let aliases: [String: String] = [
        "browser": "web", "web": "web", "mobile": "app", "app": "app", "store": "store", "pos": "store",
        "boutique": "store", "phone": "phone", "contact_centre": "phone", "contact_center": "phone",
        "call_center": "phone", "server": "server",
    ]

    private static let mobileSystems: Set<String> = ["iOS", "iPadOS", "Android", "ios", "android"]
}
