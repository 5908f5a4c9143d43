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

    /// The attribute recommendations read for stock: when present, a boolean; `false` keeps
    /// the item out of every recommendation until it is back in stock.
    static let inStockAttribute = "inStock"

    func details() throws -> ItemDetails {
        switch attributes?[Self.inStockAttribute] {
        case nil, .bool?:
            break
        default:
            throw DomainError.invalid(
                field: "/attributes/\(Self.inStockAttribute)", reason: "must be true or false",
                hint: "leave it out when the catalogue has no stock information")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ItemDetails(
            name: name, categoryPath: categoryPath ?? [], brand: brand, priceMinor: priceMinor?.value,
            currency: currency,
            attributesJSON: String(decoding: try encoder.encode(attributes ?? [:]), as: UTF8.self),
            active: active ?? true)
    }
}
