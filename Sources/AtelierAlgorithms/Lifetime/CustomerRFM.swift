/// One customer's recency-frequency-monetary summary, as lifetimes'
/// `summary_data_from_transaction_data` computes it.
public struct CustomerRFM<CustomerID: Hashable & Sendable>: Sendable {
    public var customerID: CustomerID
    public var history: PurchaseHistory
    /// Mean spend of the repeat purchase occasions (the first is left out, as Gamma-Gamma
    /// models repeat spend); 0 for a customer without a repeat purchase.
    public var monetaryValue: Double

    public init(customerID: CustomerID, history: PurchaseHistory, monetaryValue: Double) {
        self.customerID = customerID
        self.history = history
        self.monetaryValue = monetaryValue
    }
}

extension CustomerRFM: Equatable where CustomerID: Equatable {}
extension CustomerRFM: Codable where CustomerID: Codable {}
