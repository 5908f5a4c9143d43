import AtelierDomain
import Foundation

/// `Item` in the OpenAPI schema; absent optional details are written as `null`.
struct ItemResponse: Encodable {
    var item: Item

    init(_ item: Item) {
        self.item = item
    }

    enum CodingKeys: String, CodingKey {
        case sku, name, categoryPath, brand, priceMinor, currency, attributes, active, createdAt, updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(item.sku, forKey: .sku)
        try container.encode(item.details.name, forKey: .name)
        try container.encode(item.details.categoryPath, forKey: .categoryPath)
        try container.encode(item.details.brand, forKey: .brand)
        try container.encode(item.details.priceMinor, forKey: .priceMinor)
        try container.encode(item.details.currency, forKey: .currency)
        try container.encode(JSONValue.parse(item.details.attributesJSON) ?? .object([:]), forKey: .attributes)
        try container.encode(item.details.active, forKey: .active)
        try container.encode(item.createdAt, forKey: .createdAt)
        try container.encode(item.updatedAt, forKey: .updatedAt)
    }
}
