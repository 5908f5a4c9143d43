import Foundation

/// An order as a client sends it to `OrderBook.record`: checked, priced and attached to a
/// profile there. Amounts are integer minor units of `currency`; nothing is ever a float.
public struct OrderSubmission: Sendable {
    /// Encodable so the order's fingerprint covers its lines exactly as sent.
    public struct Line: Sendable, Encodable {
        /// The client's line id; nil numbers the line by its position, from 1.
        public var lineID: String?
        public var sku: String
        public var quantity: Int64
        public var unitPriceMinor: Int64
        public var discountMinor: Int64

        public init(lineID: String?, sku: String, quantity: Int64, unitPriceMinor: Int64, discountMinor: Int64) {
            self.lineID = lineID
            self.sku = sku
            self.quantity = quantity
            self.unitPriceMinor = unitPriceMinor
            self.discountMinor = discountMinor
        }
    }

    /// An identifier of the buyer as sent (`email`, `loyalty_card`, …), normalised before use;
    /// `field` names it in the request so a bad value is reported where it was written.
    public struct CustomerIdentifier: Sendable {
        public var type: String
        public var rawValue: String
        public var field: String

        public init(type: String, rawValue: String, field: String) {
            self.type = type
            self.rawValue = rawValue
            self.field = field
        }
    }

    public var orderID: String
    public var channel: SalesChannel
    public var storeID: String?
    public var occurredAt: Date
    public var currency: String
    public var lines: [Line]
    public var discountMinor: Int64
    public var customer: [CustomerIdentifier]

    public init(
        orderID: String, channel: SalesChannel, storeID: String?, occurredAt: Date, currency: String, lines: [Line],
        discountMinor: Int64, customer: [CustomerIdentifier]
    ) {
        self.orderID = orderID
        self.channel = channel
        self.storeID = storeID
        self.occurredAt = occurredAt
        self.currency = currency
        self.lines = lines
        self.discountMinor = discountMinor
        self.customer = customer
    }

    /// The most lines one order may carry: far above any real basket, low enough that one
    /// request cannot hold a connection for long.
    public static let maximumLines = 1000

    /// Refuses what would make a wrong fact, naming the request member at fault. Line ids
    /// are filled in from positions here, so every later step sees them.
    func validated() throws(DomainError) -> OrderSubmission {
        var checked = self
        checked.orderID = try FieldText.required(orderID, field: "/orderId")
        checked.storeID = try FieldText.optional(storeID, field: "/storeId")
        if channel == .store, checked.storeID == nil {
            throw .invalid(field: "/storeId", reason: "is required for a store order", hint: "the boutique's id")
        }
        checked.currency = try FieldText.currency(currency, field: "/currency")
        guard (1...Self.maximumLines).contains(lines.count) else {
            throw .invalid(field: "/lines", reason: "must hold 1 to \(Self.maximumLines) lines", hint: nil)
        }
        guard discountMinor >= 0 else {
            throw .invalid(field: "/discountMinor", reason: "must not be negative", hint: nil)
        }
        guard !customer.isEmpty else {
            throw .invalid(
                field: "/customer", reason: "must carry at least one identifier",
                hint: "email, phone, loyaltyCard, customerNumber, userId or anonymousId")
        }
        var seenLineIDs: Set<String> = []
        for (index, line) in lines.enumerated() {
            let checkedLine = try Self.validated(line, at: index)
            guard seenLineIDs.insert(checkedLine.lineID ?? "").inserted else {
                throw .invalid(field: "/lines/\(index)/lineId", reason: "repeats the id of an earlier line", hint: nil)
            }
            checked.lines[index] = checkedLine
        }
        return checked
    }

    private static func validated(_ line: Line, at index: Int) throws(DomainError) -> Line {
        var checked = line
        checked.lineID = try FieldText.optional(line.lineID, field: "/lines/\(index)/lineId") ?? String(index + 1)
        checked.sku = try FieldText.required(line.sku, field: "/lines/\(index)/sku")
        guard line.quantity > 0 else {
            throw .invalid(field: "/lines/\(index)/quantity", reason: "must be greater than zero", hint: nil)
        }
        guard line.unitPriceMinor >= 0 else {
            throw .invalid(field: "/lines/\(index)/unitPriceMinor", reason: "must not be negative", hint: nil)
        }
        guard line.discountMinor >= 0 else {
            throw .invalid(field: "/lines/\(index)/discountMinor", reason: "must not be negative", hint: nil)
        }
        return checked
    }
}
