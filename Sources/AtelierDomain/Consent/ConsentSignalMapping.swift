/// How raw consent signals become choices on Atelier's purposes. The table is documented in
/// `openapi/openapi.yaml` (ConsentProof) and is deliberately conservative: a purpose is
/// granted only when every signal it needs is granted, and a signal that maps to no purpose
/// changes nothing (it is still kept as proof).
///
/// | signal | purpose |
/// |---|---|
/// | TCF v2 purposes 1 ∧ 8 (store information, measure content performance) | analytics |
/// | TCF v2 purposes 1 ∧ 5 ∧ 6 (personalised content profile and use) | personalization |
/// | TCF v2 purposes 1 ∧ 2 ∧ 3 ∧ 4 (advertising, personalised advertising) | advertising |
/// | Consent Mode `analytics_storage` | analytics |
/// | Consent Mode `personalization_storage` | personalization |
/// | Consent Mode `ad_storage` ∧ `ad_personalization` (where sent) | advertising |
/// | Consent Mode `ad_user_data` | partner_sharing |
/// | Segment category = a purpose's own name (any case, spaces or hyphens as `_`) | that purpose |
/// | Segment category `performance`, `statistics`, `measurement`, OneTrust `C0002` | analytics |
/// | Segment category `functional`, `preferences`, `personalisation`, OneTrust `C0003` | personalization |
/// | Segment category `targeting`, `ads`, OneTrust `C0004` | advertising |
/// | Segment category `data_sharing`, `sale_of_personal_data` | partner_sharing |
public enum ConsentSignalMapping {
    /// The choices `signal` expresses; `field` is the JSON pointer of the signal, for errors.
    public static func choices(for signal: ConsentSignal, field: String) throws(DomainError) -> [Purpose: Bool] {
        switch signal {
        case .tcf(let text): choices(tcf: try TCFConsentString(text, field: field))
        case .googleConsentMode(let signals): try choices(googleConsentMode: signals, field: field)
        case .segmentCategories(let preferences): choices(categoryPreferences: preferences)
        }
    }

    static func choices(tcf: TCFConsentString) -> [Purpose: Bool] {
        let granted = tcf.purposeConsents
        func all(_ purposes: [Int]) -> Bool { purposes.allSatisfy(granted.contains) }
        return [
            Purpose(validated: "analytics"): all([1, 8]),
            Purpose(validated: "personalization"): all([1, 5, 6]),
            Purpose(validated: "advertising"): all([1, 2, 3, 4]),
        ]
    }

    /// `signals` maps Consent Mode types to `granted`/`denied`; `field` is the JSON pointer of
    /// the object, for errors.
    static func choices(googleConsentMode signals: [String: String], field: String) throws(DomainError) -> [Purpose: Bool] {
        var granted: [String: Bool] = [:]
        for (name, value) in signals {
            switch value {
            case "granted": granted[name] = true
            case "denied": granted[name] = false
            default:
                throw .invalid(field: field + "/" + name, reason: "must be \"granted\" or \"denied\"", hint: nil)
            }
        }
        var choices: [Purpose: Bool] = [:]
        if let analytics = granted["analytics_storage"] { choices[Purpose(validated: "analytics")] = analytics }
        if let personalization = granted["personalization_storage"] {
            choices[Purpose(validated: "personalization")] = personalization
        }
        if let storage = granted["ad_storage"] {
            choices[Purpose(validated: "advertising")] = storage && (granted["ad_personalization"] ?? true)
        }
        if let userData = granted["ad_user_data"] { choices[Purpose(validated: "partner_sharing")] = userData }
        return choices
    }

    /// Segment's `categoryPreferences`. A category may name a purpose the tenant does not
    /// define; the ledger ignores those when recording.
    static func choices(categoryPreferences: [String: Bool]) -> [Purpose: Bool] {
        var choices: [Purpose: Bool] = [:]
        for (category, granted) in categoryPreferences.sorted(by: { $0.key < $1.key }) {
            guard let purpose = purpose(forCategory: category) else { continue }
            // Two categories naming one purpose: it is granted only if both are.
            choices[purpose] = (choices[purpose] ?? true) && granted
        }
        return choices
    }

    private static let categoryAliases: [String: String] = [
        "performance": "analytics", "statistics": "analytics", "measurement": "analytics", "c0002": "analytics",
        "functional": "personalization", "preferences": "personalization", "personalisation": "personalization",
        "c0003": "personalization",
        "targeting": "advertising", "ads": "advertising", "c0004": "advertising",
        "data_sharing": "partner_sharing", "sale_of_personal_data": "partner_sharing",
    ]

    private static func purpose(forCategory category: String) -> Purpose? {
        let name = String(category.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
        if let alias = categoryAliases[name] { return Purpose(validated: alias) }
        return Purpose.isValid(name) ? Purpose(validated: name) : nil
    }
}
