/// Where an order was placed. A closed list, because the purchase summary groups by it and a
/// `store` order must also name its boutique.
public enum SalesChannel: String, Sendable, CaseIterable, Codable {
    case store, web, app, phone

    /// Parses a client's channel, naming `field` when it is not one of the four.
    public static func parse(_ text: String, field: String) throws(DomainError) -> SalesChannel {
        guard let channel = SalesChannel(rawValue: text) else {
            throw .invalid(
                field: field, reason: "must be one of store, web, app, phone",
                hint: "point-of-sale orders are store, contact-centre orders phone")
        }
        return channel
    }
}
