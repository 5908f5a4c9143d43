/// What a catalogue entry says about a product, as the tenant's product feed sends it.
/// Recommendations read it later (names, categories and brands for content-based fallbacks,
/// `active` to never recommend what cannot be bought).
public struct ItemDetails: Sendable, Equatable {
    public var name: String
    /// From the broadest category to the narrowest, e.g. `["Women", "Bags", "Totes"]`.
    public var categoryPath: [String]
    public var brand: String?
    /// The list price in minor units of `currency`; both or neither.
    public var priceMinor: Int64?
    public var currency: String?
    /// A JSON object of free-form attributes (colour, material, size…), kept as JSON text.
    public var attributesJSON: String
    public var active: Bool

    public init(
        name: String, categoryPath: [String], brand: String?, priceMinor: Int64?, currency: String?,
        attributesJSON: String, active: Bool
    ) {
        self.name = name
        self.categoryPath = categoryPath
        self.brand = brand
        self.priceMinor = priceMinor
        self.currency = currency
        self.attributesJSON = attributesJSON
        self.active = active
    }

    /// Refuses what the catalogue could not use, naming the request member at fault.
    func validated() throws(DomainError) -> ItemDetails {
        var checked = self
        checked.name = try FieldText.required(name, field: "/name", maximumLength: 500)
        guard categoryPath.count <= 20 else {
            throw .invalid(field: "/categoryPath", reason: "must have at most 20 levels", hint: nil)
        }
        for (index, level) in categoryPath.enumerated() {
            _ = try FieldText.required(level, field: "/categoryPath/\(index)")
        }
        checked.brand = try FieldText.optional(brand, field: "/brand")
        if let priceMinor, priceMinor < 0 {
            throw .invalid(field: "/priceMinor", reason: "must not be negative", hint: nil)
        }
        switch (priceMinor, currency) {
        case (.some, .none):
            throw .invalid(field: "/currency", reason: "is required with priceMinor", hint: "for example EUR")
        case (.none, .some):
            throw .invalid(field: "/priceMinor", reason: "is required with currency", hint: nil)
        case (_, .some(let code)):
            checked.currency = try FieldText.currency(code, field: "/currency")
        case (.none, .none):
            break
        }
        return checked
    }
}
