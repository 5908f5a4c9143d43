import AtelierPostgres
import Foundation

/// Records orders from stores and e-commerce as immutable facts, each attached to the profile
/// its customer's identifiers resolve to (merging profiles when the order links two of them).
///
/// An order id is recorded once per tenant: resending the same order is answered with the
/// stored one, and reusing the id for other content is a conflict. Concurrent sends of one
/// order id are serialised by a transaction-scoped advisory lock on it, so neither the order
/// nor the identity changes it causes can happen twice.
public struct OrderBook: Sendable {
    private let pool: PostgresPool
    private let resolver: IdentityResolver
    private let rules: IdentityRuleStore

    public init(pool: PostgresPool) {
        self.pool = pool
        resolver = IdentityResolver(pool: pool)
        rules = IdentityRuleStore(pool: pool)
    }

    public func record(tenantID: UUID, _ submission: OrderSubmission) async throws -> Recorded<Order> {
        let submission = try submission.validated()
        let pricing = try OrderPricing(lines: submission.lines, orderDiscountMinor: submission.discountMinor)
        let normaliser = try await rules.normaliser(tenantID: tenantID)
        var identifiers: [Identifier] = []
        for identifier in submission.customer {
            identifiers.append(
                try normaliser.normalise(type: identifier.type, rawValue: identifier.rawValue, field: identifier.field))
        }
        let fingerprint = try FactFingerprint.of(Content(submission, identifiers: identifiers))
        let outcome: Result<Recorded<Order>, SuppressedIdentifier> = try await IdentityTransaction.run(pool: pool) {
            connection in
            try await connection.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                ["order:\(tenantID.uuidString):\(submission.orderID)"])
            if let existing = try await Self.existing(
                tenantID: tenantID, orderID: submission.orderID, fingerprint: fingerprint, on: connection)
            {
                return .success(Recorded(value: existing, created: false))
            }
            // Privacy (issue 4): refused when it names an identifier erased on request; returned,
            // not thrown, so the refusal is counted when the transaction commits.
            if let refusal = try await SuppressionList.refusal(
                tenantID: tenantID, identifiers: identifiers, fields: submission.customer.map(\.field), on: connection)
            {
                return .failure(refusal)
            }
            let profileID = try await resolver.resolve(
                tenantID: tenantID, identifiers: identifiers.sorted(), reason: "order \(submission.orderID)",
                on: connection)
            let order = try await Self.insert(
                submission, pricing: pricing, tenantID: tenantID, profileID: profileID, fingerprint: fingerprint,
                on: connection)
            return .success(Recorded(value: order, created: true))
        }
        return try outcome.get()
    }

    /// The order already stored under this id, when its content matches; a conflict otherwise.
    private static func existing(
        tenantID: UUID, orderID: String, fingerprint: [UInt8], on connection: PostgresConnection
    ) async throws -> Order? {
        let rows = try await connection.query(
            "SELECT \(columns), content_hash FROM orders WHERE tenant_id = $1 AND order_id = $2", [tenantID, orderID])
        guard let row = rows.first else { return nil }
        guard try row.decode([UInt8].self, column: "content_hash") == fingerprint else {
            throw DomainError.conflict(reason: "order \(orderID) was already recorded with different content")
        }
        let profileID = try row.decode(UUID.self, column: "profile_id")
        let lines = try await connection.query(
            """
            SELECT \(OrderLineRow.columns) FROM order_lines
            WHERE tenant_id = $1 AND profile_id = $2 AND order_id = $3 ORDER BY position
            """, [tenantID, profileID, orderID])
        return try order(from: row, lines: lines.map(OrderLineRow.line(from:)))
    }

    private static func insert(
        _ submission: OrderSubmission, pricing: OrderPricing, tenantID: UUID, profileID: UUID, fingerprint: [UInt8],
        on connection: PostgresConnection
    ) async throws -> Order {
        let lines = zip(submission.lines, pricing.netMinor).map { line, net in
            OrderLine(
                lineID: line.lineID ?? "", sku: line.sku, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor,
                discountMinor: line.discountMinor, netMinor: net)
        }
        let rows = try await connection.query(
            """
            INSERT INTO orders (tenant_id, profile_id, order_id, channel, store_id, occurred_at, currency,
                discount_minor, total_minor, item_count, content_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            RETURNING \(columns)
            """,
            [
                tenantID, profileID, submission.orderID, submission.channel.rawValue, submission.storeID,
                submission.occurredAt, submission.currency, submission.discountMinor, pricing.totalMinor,
                lines.reduce(0) { $0 + $1.quantity }, fingerprint,
            ])
        try await connection.execute(
            """
            INSERT INTO order_lines (tenant_id, profile_id, order_id, line_id, position, sku, quantity,
                unit_price_minor, discount_minor, net_minor)
            SELECT $1, $2, $3, l.line_id, l.position - 1, l.sku, l.quantity, l.unit_price_minor, l.discount_minor,
                l.net_minor
            FROM unnest($4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])
                WITH ORDINALITY AS l (line_id, sku, quantity, unit_price_minor, discount_minor, net_minor, position)
            """,
            [
                tenantID, profileID, submission.orderID, lines.map(\.lineID), lines.map(\.sku), lines.map(\.quantity),
                lines.map(\.unitPriceMinor), lines.map(\.discountMinor), lines.map(\.netMinor),
            ])
        guard let row = rows.first else {
            throw DomainError.unavailable(reason: "recording order \(submission.orderID) returned no row")
        }
        return try order(from: row, lines: lines)
    }

    private static let columns =
        "order_id, profile_id, channel, store_id, occurred_at, currency, discount_minor, total_minor, received_at"

    private static func order(from row: PostgresRow, lines: [OrderLine]) throws -> Order {
        let channelText = try row.decode(String.self, column: "channel")
        guard let channel = SalesChannel(rawValue: channelText) else {
            throw PostgresError.decodingFailure(
                column: "channel", type: SalesChannel.self, value: channelText, reason: "is not a sales channel")
        }
        return Order(
            orderID: try row.decode(String.self, column: "order_id"),
            profileID: try row.decode(UUID.self, column: "profile_id"), channel: channel,
            storeID: try row.decode(String?.self, column: "store_id"),
            occurredAt: try row.decode(Date.self, column: "occurred_at"),
            currency: try row.decode(String.self, column: "currency"), lines: lines,
            discountMinor: try row.decode(Int64.self, column: "discount_minor"),
            totalMinor: try row.decode(Int64.self, column: "total_minor"),
            receivedAt: try row.decode(Date.self, column: "received_at"))
    }

    /// What the fingerprint covers: the order as sent, identifiers normalised and sorted so
    /// `Ann@Example.com` and `ann@example.com` make the same order.
    private struct Content: Encodable {
        var channel: String
        var storeID: String?
        var occurredAt: Date
        var currency: String
        var lines: [OrderSubmission.Line]
        var discountMinor: Int64
        var customer: [String]

        init(_ submission: OrderSubmission, identifiers: [Identifier]) {
            channel = submission.channel.rawValue
            storeID = submission.storeID
            occurredAt = submission.occurredAt
            currency = submission.currency
            lines = submission.lines
            discountMinor = submission.discountMinor
            customer = identifiers.map(\.description).sorted()
        }
    }
}
