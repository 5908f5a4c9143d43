/// The envelope of every list: `{"data": [...]}`, leaving room for cursors without a breaking change.
struct ListResponse<Item: Encodable>: Encodable {
    var data: [Item]
}
