/// Works out what the customer paid for each line: its price times quantity, less its own
/// discount, less its share of the order-level discount.
///
/// The order discount is shared in proportion to the lines' amounts, with the rounding
/// remainder going to the lines with the largest fractions, so the shares add up to the
/// discount exactly and a full return refunds exactly what was paid.
struct OrderPricing {
    /// Per line, in the order of the lines.
    var netMinor: [Int64]
    var totalMinor: Int64

    init(lines: [OrderSubmission.Line], orderDiscountMinor: Int64) throws(DomainError) {
        var amounts: [Int64] = []
        var subtotal: Int64 = 0
        for (index, line) in lines.enumerated() {
            let (gross, overflow) = line.quantity.multipliedReportingOverflow(by: line.unitPriceMinor)
            guard !overflow else {
                throw .invalid(
                    field: "/lines/\(index)/quantity", reason: "times unitPriceMinor is too large", hint: nil)
            }
            guard line.discountMinor <= gross else {
                throw .invalid(
                    field: "/lines/\(index)/discountMinor",
                    reason: "must not exceed quantity × unitPriceMinor (\(gross))",
                    hint: nil)
            }
            let (sum, sumOverflow) = subtotal.addingReportingOverflow(gross - line.discountMinor)
            guard !sumOverflow else {
                throw .invalid(
                    field: "/lines/\(index)/unitPriceMinor", reason: "makes the order total too large", hint: nil)
            }
            amounts.append(gross - line.discountMinor)
            subtotal = sum
        }
        guard orderDiscountMinor <= subtotal else {
            throw .invalid(
                field: "/discountMinor", reason: "must not exceed the lines' total after their discounts (\(subtotal))",
                hint: nil)
        }
        netMinor = Self.allocate(orderDiscountMinor, over: amounts, total: subtotal)
        totalMinor = subtotal - orderDiscountMinor
    }

    /// Each amount less its share of `discount`; shares are `discount × amount ÷ total`
    /// computed in 128 bits, then the remainder handed out by largest fraction.
    private static func allocate(_ discount: Int64, over amounts: [Int64], total: Int64) -> [Int64] {
        guard discount > 0, total > 0 else { return amounts }
        var shares: [Int64] = []
        var fractions: [(remainder: UInt64, index: Int)] = []
        for (index, amount) in amounts.enumerated() {
            let product = UInt64(discount).multipliedFullWidth(by: UInt64(amount))
            let (quotient, remainder) = UInt64(total).dividingFullWidth(product)
            shares.append(Int64(quotient))
            fractions.append((remainder, index))
        }
        let leftover = Int(discount - shares.reduce(0, +))
        let ordered = fractions.sorted { ($0.remainder, $1.index) > ($1.remainder, $0.index) }
        for entry in ordered.prefix(leftover) {
            shares[entry.index] += 1
        }
        return zip(amounts, shares).map { $0 - $1 }
    }
}
