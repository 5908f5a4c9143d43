/// A page of a cursor-paginated list: `{"data": [...], "nextCursor": "..."}`. `nextCursor`
/// is `null` on the last page; otherwise pass it back as `?cursor=` for the next one.
struct PageResponse<Item: Encodable>: Encodable {
    var data: [Item]
    var nextCursor: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey {
        case data, nextCursor
    }
}
