import AtelierDomain
import AtelierREST
import Foundation

/// Body of `PUT /v1/items/{sku}`: the whole entry, replacing what was there.
struct ItemRequest: Decodable, StrictDecodable {
    var name: String
    var categoryPath: [String]?
    var brand: String?
    var priceMinor: StrictInteger?
    var currency: String?
    var attributes: [String: JSONValue]?
    var active: Bool?

    static let allowedFields: Set<String> = [
        "name", "categoryPath", "brand", "priceMinor", "currency", "attributes", "active",
    ]

    func details() throws -> ItemDetails {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ItemDetails(
            name: name, categoryPath: categoryPath ?? [], brand: brand, priceMinor: priceMinor?.value,
            currency: currency,
            attributesJSON: String(decoding: try encoder.encode(attributes ?? [:]), as: UTF8.self),
            active: active ?? true)
    }
}
