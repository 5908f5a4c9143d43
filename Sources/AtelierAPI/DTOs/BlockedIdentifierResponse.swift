import AtelierDomain

/// `BlockedIdentifier`.
struct BlockedIdentifierResponse: Encodable {
    var type: String
    var value: String

    init(_ identifier: Identifier) {
        type = identifier.type
        value = identifier.value
    }
}
