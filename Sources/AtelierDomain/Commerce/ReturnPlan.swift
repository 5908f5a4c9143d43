/// Decides which order lines a return takes back and what it refunds, refusing to take back
/// more than was bought or refund more than was paid, line by line.
struct ReturnPlan {
    /// An order line with what earlier returns already took back from it.
    struct Balance {
        var line: OrderLine
        var returnedQuantity: Int64
        var refundedMinor: Int64

        var remainingQuantity: Int64 { line.quantity - returnedQuantity }
        var remainingRefundMinor: Int64 { line.netMinor - refundedMinor }

        /// The refund for `quantity` more units when the client names none: the rest of
        /// the line's amount when they are its last units, else their share, rounded down.
        func defaultRefund(for quantity: Int64) -> Int64 {
            if quantity == remainingQuantity { return remainingRefundMinor }
            let share = UInt64(line.netMinor).multipliedFullWidth(by: UInt64(quantity))
            return min(Int64(UInt64(line.quantity).dividingFullWidth(share).quotient), remainingRefundMinor)
        }
    }

    var lines: [ReturnLine]

    init(_ submission: ReturnSubmission, balances: [Balance]) throws(DomainError) {
        guard let requested = submission.lines else {
            lines = balances.filter { $0.remainingQuantity > 0 }.map {
                ReturnLine(
                    lineID: $0.line.lineID, sku: $0.line.sku, quantity: $0.remainingQuantity,
                    refundMinor: $0.remainingRefundMinor)
            }
            guard !lines.isEmpty else {
                throw .invalid(
                    field: "/orderId", reason: "names an order every unit of which was already returned", hint: nil)
            }
            return
        }
        var planned: [ReturnLine] = []
        var taken: Set<String> = []
        for (index, request) in requested.enumerated() {
            let balance = try Self.balance(for: request, at: index, orderID: submission.orderID, in: balances)
            guard taken.insert(balance.line.lineID).inserted else {
                throw .invalid(
                    field: "/lines/\(index)", reason: "names order line \(balance.line.lineID) a second time",
                    hint: "send one return line per order line")
            }
            guard request.quantity <= balance.remainingQuantity else {
                throw .invalid(
                    field: "/lines/\(index)/quantity",
                    reason: "exceeds the \(balance.remainingQuantity) unit(s) of order line \(balance.line.lineID) "
                        + "(\(balance.line.sku)) not yet returned",
                    hint: "line \(balance.line.lineID) was bought \(balance.line.quantity) time(s)")
            }
            let refund = request.refundMinor ?? balance.defaultRefund(for: request.quantity)
            guard refund <= balance.remainingRefundMinor else {
                throw .invalid(
                    field: "/lines/\(index)/refundMinor",
                    reason: "exceeds the \(balance.remainingRefundMinor) minor units of order line "
                        + "\(balance.line.lineID) not yet refunded",
                    hint: nil)
            }
            planned.append(
                ReturnLine(
                    lineID: balance.line.lineID, sku: balance.line.sku, quantity: request.quantity, refundMinor: refund)
            )
        }
        lines = planned
    }

    /// The order line a return line names: by `lineId`, or by a SKU that only one line has.
    private static func balance(
        for request: ReturnSubmission.Line, at index: Int, orderID: String, in balances: [Balance]
    ) throws(DomainError) -> Balance {
        if let lineID = request.lineID {
            guard let balance = balances.first(where: { $0.line.lineID == lineID }) else {
                throw .invalid(field: "/lines/\(index)/lineId", reason: "is not a line of order \(orderID)", hint: nil)
            }
            if let sku = request.sku, sku != balance.line.sku {
                throw .invalid(
                    field: "/lines/\(index)/sku", reason: "does not match the SKU of order line \(lineID)", hint: nil)
            }
            return balance
        }
        let matching = balances.filter { $0.line.sku == request.sku }
        guard let balance = matching.first else {
            throw .invalid(field: "/lines/\(index)/sku", reason: "is not on order \(orderID)", hint: nil)
        }
        guard matching.count == 1 else {
            throw .invalid(
                field: "/lines/\(index)/sku", reason: "is on several lines of order \(orderID)",
                hint: "name the line by lineId")
        }
        return balance
    }
}
