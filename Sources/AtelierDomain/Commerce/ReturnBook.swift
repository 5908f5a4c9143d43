import AtelierPostgres
import Foundation

/// Records returns and cancellations against orders, as facts of their own. Returns of one
/// order are serialised by locking the order's row, so two returns arriving at once can
/// never take back more than was bought.
public struct ReturnBook: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Records `submission` once. The same `returnId` with the same content returns the
    /// stored return (`created` false); with other content it is a conflict.
    public func record(tenantID: UUID, _ submission: ReturnSubmission) async throws -> Recorded<Return> {
        let submission = try submission.validated()
        let fingerprint = try FactFingerprint.of(Content(submission))
        return try await pool.transaction { connection in
            let orders = try await connection.query(
                """
                SELECT profile_id, currency FROM orders WHERE tenant_id = $1 AND order_id = $2 FOR UPDATE
                """, [tenantID, submission.orderID])
            guard let order = orders.first else {
                throw DomainError.notFound(resource: "order", id: submission.orderID)
            }
            let profileID = try order.decode(UUID.self, column: "profile_id")
            let currency = try order.decode(String.self, column: "currency")
            if let existing = try await Self.existing(
                tenantID: tenantID, submission: submission, fingerprint: fingerprint, currency: currency, on: connection
            ) {
                return Recorded(value: existing, created: false)
            }
            let plan = try ReturnPlan(
                submission,
                balances: try await Self.balances(
                    tenantID: tenantID, profileID: profileID, orderID: submission.orderID, on: connection))
            let stored = try await Self.insert(
                submission, plan: plan, tenantID: tenantID, profileID: profileID, fingerprint: fingerprint,
                on: connection)
            return Recorded(value: try Self.makeReturn(stored, lines: plan.lines, currency: currency), created: true)
        }
    }

    /// The return already stored under this id, when its content matches; a conflict otherwise.
    private static func existing(
        tenantID: UUID, submission: ReturnSubmission, fingerprint: [UInt8], currency: String,
        on connection: PostgresConnection
    ) async throws -> Return? {
        let rows = try await connection.query(
            "SELECT \(columns), content_hash FROM returns WHERE tenant_id = $1 AND return_id = $2",
            [tenantID, submission.returnID])
        guard let row = rows.first else { return nil }
        guard try row.decode([UInt8].self, column: "content_hash") == fingerprint else {
            throw DomainError.conflict(
                reason: "return \(submission.returnID) was already recorded with different content")
        }
        let lines = try await connection.query(
            """
            SELECT r.line_id, l.sku, r.quantity, r.refund_minor
            FROM return_lines r
            JOIN order_lines l USING (tenant_id, profile_id, order_id, line_id)
            WHERE r.tenant_id = $1 AND r.profile_id = $2 AND r.return_id = $3
            ORDER BY l.position
            """, [tenantID, try row.decode(UUID.self, column: "profile_id"), submission.returnID])
        return try makeReturn(row, lines: lines.map(returnLine(from:)), currency: currency)
    }

    private static func balances(
        tenantID: UUID, profileID: UUID, orderID: String, on connection: PostgresConnection
    ) async throws -> [ReturnPlan.Balance] {
        try await connection.query(
            """
            SELECT l.line_id, l.sku, l.quantity, l.unit_price_minor, l.discount_minor, l.net_minor,
                coalesce(sum(r.quantity), 0) AS returned_quantity, coalesce(sum(r.refund_minor), 0) AS refunded_minor
            FROM order_lines l
            LEFT JOIN return_lines r USING (tenant_id, profile_id, order_id, line_id)
            WHERE l.tenant_id = $1 AND l.profile_id = $2 AND l.order_id = $3
            GROUP BY l.line_id, l.sku, l.quantity, l.unit_price_minor, l.discount_minor, l.net_minor, l.position
            ORDER BY l.position
            """, [tenantID, profileID, orderID]
        ).map { row in
            ReturnPlan.Balance(
                line: try OrderLineRow.line(from: row),
                returnedQuantity: try row.decode(Int64.self, column: "returned_quantity"),
                refundedMinor: try row.decode(Int64.self, column: "refunded_minor"))
        }
    }

    private static func insert(
        _ submission: ReturnSubmission, plan: ReturnPlan, tenantID: UUID, profileID: UUID, fingerprint: [UInt8],
        on connection: PostgresConnection
    ) async throws -> PostgresRow {
        let inserted: PostgresRows
        do {
            inserted = try await connection.query(
                """
                INSERT INTO returns (tenant_id, profile_id, return_id, order_id, occurred_at, reason, refund_minor,
                    item_count, content_hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                RETURNING \(columns)
                """,
                [
                    tenantID, profileID, submission.returnID, submission.orderID, submission.occurredAt,
                    submission.reason, plan.lines.reduce(0) { $0 + $1.refundMinor },
                    plan.lines.reduce(0) { $0 + $1.quantity }, fingerprint,
                ])
        } catch let error as PostgresError where error.kind == .uniqueViolation {
            throw DomainError.conflict(
                reason: "return \(submission.returnID) was already recorded against another order")
        }
        try await connection.execute(
            """
            INSERT INTO return_lines (tenant_id, profile_id, return_id, order_id, line_id, quantity, refund_minor)
            SELECT $1, $2, $3, $4, l.line_id, l.quantity, l.refund_minor
            FROM unnest($5::text[], $6::bigint[], $7::bigint[]) AS l (line_id, quantity, refund_minor)
            """,
            [
                tenantID, profileID, submission.returnID, submission.orderID, plan.lines.map(\.lineID),
                plan.lines.map(\.quantity), plan.lines.map(\.refundMinor),
            ])
        guard let row = inserted.first else {
            throw DomainError.unavailable(reason: "recording return \(submission.returnID) returned no row")
        }
        return row
    }

    private static let columns = "return_id, order_id, profile_id, occurred_at, reason, refund_minor, received_at"

    private static func makeReturn(_ row: PostgresRow, lines: [ReturnLine], currency: String) throws -> Return {
        Return(
            returnID: try row.decode(String.self, column: "return_id"),
            orderID: try row.decode(String.self, column: "order_id"),
            profileID: try row.decode(UUID.self, column: "profile_id"),
            occurredAt: try row.decode(Date.self, column: "occurred_at"),
            reason: try row.decode(String.self, column: "reason"),
            lines: lines, currency: currency,
            refundMinor: try row.decode(Int64.self, column: "refund_minor"),
            receivedAt: try row.decode(Date.self, column: "received_at"))
    }

    private static func returnLine(from row: PostgresRow) throws -> ReturnLine {
        ReturnLine(
            lineID: try row.decode(String.self, column: "line_id"), sku: try row.decode(String.self, column: "sku"),
            quantity: try row.decode(Int64.self, column: "quantity"),
            refundMinor: try row.decode(Int64.self, column: "refund_minor"))
    }

    /// What the fingerprint covers: the return exactly as requested.
    private struct Content: Encodable {
        var orderID: String
        var occurredAt: Date
        var reason: String
        var lines: [ReturnSubmission.Line]?

        init(_ submission: ReturnSubmission) {
            orderID = submission.orderID
            occurredAt = submission.occurredAt
            reason = submission.reason
            lines = submission.lines
        }
    }
}
