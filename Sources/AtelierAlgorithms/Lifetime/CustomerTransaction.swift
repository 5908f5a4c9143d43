/// One purchase as the repeat-purchase models see it: who, which day, how much.
///
/// Days are whole days counted from any fixed epoch the caller chooses (the domain layer
/// uses days since 1970-01-01 in the tenant's time zone): the models only ever use
/// differences between days, and whole days are what lifetimes' daily summary works with,
/// so several purchases on one day count as one purchase occasion.
public struct CustomerTransaction<CustomerID: Hashable & Sendable>: Sendable {
    public var customerID: CustomerID
    public var day: Int
    /// Spend in any currency unit (monetary values are averaged, never converted).
    public var amount: Double

    public init(customerID: CustomerID, day: Int, amount: Double) {
        self.customerID = customerID
        self.day = day
        self.amount = amount
    }
}

extension CustomerTransaction: Equatable where CustomerID: Equatable {}
extension CustomerTransaction: Codable where CustomerID: Codable {}
