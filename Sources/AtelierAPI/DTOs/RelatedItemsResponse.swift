import AtelierDomain

/// `GET /v1/items/{sku}/related` and `POST /v1/recommendations`: the items, how they were
/// chosen (`strategy`) and by which model versions: `model` the bought-together rules,
/// `recommenderModel` the recommender whose item-kNN neighbours completed a cart (else null).
struct RelatedItemsResponse: Encodable {
    struct Item: Encodable {
        var item: RelatedItem

        enum CodingKeys: String, CodingKey { case sku, name, support, confidence, lift }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(item.sku, forKey: .sku)
            try container.encode(item.name, forKey: .name)
            try container.encode(item.support, forKey: .support)
            try container.encode(item.confidence, forKey: .confidence)
            try container.encode(item.lift, forKey: .lift)
        }
    }

    var answer: RelatedItemsAnswer

    enum CodingKeys: String, CodingKey { case data, strategy, model, recommenderModel }
    enum ModelKeys: String, CodingKey { case kind, version }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(answer.items.map(Item.init), forKey: .data)
        try container.encode(answer.strategy.rawValue, forKey: .strategy)
        try Self.encode(model: .associationRules, version: answer.modelVersion, in: &container, forKey: .model)
        try Self.encode(model: .recommender, version: answer.recommenderVersion, in: &container, forKey: .recommenderModel)
    }

    private static func encode(
        model kind: ModelKind, version: Int?, in container: inout KeyedEncodingContainer<CodingKeys>, forKey key: CodingKeys
    ) throws {
        guard let version else { return try container.encodeNil(forKey: key) }
        var model = container.nestedContainer(keyedBy: ModelKeys.self, forKey: key)
        try model.encode(kind.rawValue, forKey: .kind)
        try model.encode(version, forKey: .version)
    }
}
