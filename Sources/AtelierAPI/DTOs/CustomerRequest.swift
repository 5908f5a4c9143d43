import AtelierDomain

/// The buyer of an order, by the identifiers the till or the site knows. Identity resolution
/// attaches the order to the profile owning any of them (merging when they name two).
struct CustomerRequest: Decodable, Sendable {
    var email: String?
    var phone: String?
    var loyaltyCard: String?
    var customerNumber: String?
    var userId: String?
    var anonymousId: String?

    var identifiers: [OrderSubmission.CustomerIdentifier] {
        let candidates: [(type: String, value: String?, member: String)] = [
            (Identifier.email, email, "email"), (Identifier.phone, phone, "phone"),
            (Identifier.loyaltyCard, loyaltyCard, "loyaltyCard"),
            (Identifier.customerNumber, customerNumber, "customerNumber"), (Identifier.userID, userId, "userId"),
            (Identifier.anonymousID, anonymousId, "anonymousId"),
        ]
        return candidates.compactMap { candidate in
            candidate.value.map {
                OrderSubmission.CustomerIdentifier(
                    type: candidate.type, rawValue: $0, field: "/customer/\(candidate.member)")
            }
        }
    }
}
