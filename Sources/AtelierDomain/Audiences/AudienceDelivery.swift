import AtelierCrypto
import AtelierPostgres
import Foundation

/// Delivers an audience's members to a partner, page by page, and logs every page.
///
/// Every read runs on the `partner_sharing` pool at the time of the request, so a person who
/// withdrew partner sharing is absent from the very next page, snapshot or delta alike (a delta
/// cannot even name them as removed: naming them, hashed or not, would be sharing). Members
/// must also permit the audience's extra purposes. A page is refused while fewer than the
/// audience's minimum size are visible.
public struct AudienceDelivery: Sendable {
    private let store: AudienceStore
    private let pools: PersonalDataPools

    public static let defaultPageSize = 10_000
    public static let maximumPageSize = 50_000

    public init(pool: PostgresPool, pools: PersonalDataPools) {
        self.store = AudienceStore(pool: pool)
        self.pools = pools
    }

    /// A page: the current members (`since` nil) or those who entered or left since `since`,
    /// after `cursor`'s position. `keyID` is who pulls, for the log.
    public func page(
        tenantID: UUID, audienceID: UUID, keyID: UUID, since requestedSince: Date?, cursor: AudienceCursor?, limit: Int,
        format: AudienceFormat
    ) async throws -> AudiencePage {
        let audience = try await store.find(tenantID: tenantID, audienceID: audienceID)
        let definition = audience.definition
        let since = cursor?.since ?? requestedSince
        let limit = min(max(limit, 1), Self.maximumPageSize)
        let selection = try await pools.pool(for: .partnerSharing).transaction(isolation: .repeatableRead) { connection in
            let extra = definition.extraPurposes.map(\.rawValue)
            let visible = try await connection.query(
                """
                SELECT count(*) AS visible FROM (
                    SELECT 1 FROM segment_memberships s
                    WHERE s.tenant_id = $1 AND s.segment_id = $2 AND s.exited_at IS NULL AND \(Self.permitsExtra)
                    LIMIT $4) counted
                """, [tenantID, definition.segmentID, extra, definition.minimumSize])
            guard let count = try visible.first?.decode(Int.self, column: "visible"), count >= definition.minimumSize else {
                throw DomainError.conflict(
                    reason: "audience \(audienceID.uuidString.lowercased()) has fewer than its minimum of "
                        + "\(definition.minimumSize) members who permit sharing; it is not delivered")
            }
            let members = try await connection.query(
                since == nil ? Self.snapshot : Self.delta,
                [tenantID, definition.segmentID, extra, cursor?.after, limit + 1] + (since.map { [$0] } ?? []))
            let changes = try members.map { (try $0.decode(UUID.self, column: "profile_id"), try $0.decode(Bool.self, column: "in_now")) }
            let identifiers = try await Self.identifiers(
                of: changes.prefix(limit).map(\.0), kinds: definition.identifiers, tenantID: tenantID, on: connection)
            return (changes: changes, identifiers: identifiers)
        }
        let secret = definition.identifiers.contains(.pseudonymousID) ? try await store.pseudonymSecret(tenantID: tenantID) : []
        let formatter = AudienceIdentifierFormatter(destination: definition.destination, raw: definition.rawIdentifiers)
        let pageMembers = selection.changes.prefix(limit)
        let rows = pageMembers.compactMap { member, present in
            Self.row(
                for: member, action: present ? .add : .remove, found: selection.identifiers[member] ?? [:],
                kinds: definition.identifiers, formatter: formatter, secret: secret)
        }
        let pullID = cursor?.pullID ?? UUID()
        let pageNumber = (cursor?.page ?? 0) + 1
        let next = selection.changes.count > limit
            ? pageMembers.last.map { AudienceCursor(pullID: pullID, page: pageNumber, after: $0.0, since: since) } : nil
        try await store.record(
            AudienceDeliveryRecord(
                pullID: pullID, page: pageNumber, keyID: keyID, kind: since == nil ? .snapshot : .delta, since: since,
                format: format, rows: rows.count, lastPage: next == nil),
            tenantID: tenantID, audienceID: audienceID)
        return AudiencePage(audience: audience, kind: since == nil ? .snapshot : .delta, rows: rows, next: next)
    }

    /// Members must permit every extra purpose ($3) besides partner sharing (the pool's own).
    private static let permitsExtra =
        "NOT EXISTS (SELECT 1 FROM unnest($3::text[]) AS extra(purpose) WHERE NOT consent_permits(s.tenant_id, s.profile_id, extra.purpose))"

    private static let snapshot = """
        SELECT s.profile_id, true AS in_now FROM segment_memberships s
        WHERE s.tenant_id = $1 AND s.segment_id = $2 AND s.exited_at IS NULL AND \(permitsExtra)
          AND ($4::uuid IS NULL OR s.profile_id > $4)
        ORDER BY s.profile_id LIMIT $5
        """

    /// Persons whose membership differs between `$6` and now: in now but not then (entered),
    /// or in then but not now (left). Only spells that began or ended after `$6` can make a
    /// difference, and they alone decide both sides.
    private static let delta = """
        SELECT profile_id, in_now FROM (
            SELECT s.profile_id, bool_or(s.exited_at IS NULL) AS in_now,
                bool_or(s.entered_at <= $6 AND (s.exited_at IS NULL OR s.exited_at > $6)) AS in_then
            FROM segment_memberships s
            WHERE s.tenant_id = $1 AND s.segment_id = $2 AND (s.entered_at > $6 OR s.exited_at > $6)
              AND \(permitsExtra) AND ($4::uuid IS NULL OR s.profile_id > $4)
            GROUP BY s.profile_id
        ) changes
        WHERE in_now <> in_then ORDER BY profile_id LIMIT $5
        """

    /// The e-mails and phones of each member's merged set: per member and type, the member's own
    /// identifier first, then the oldest.
    private static func identifiers(
        of members: [UUID], kinds: [AudienceIdentifierKind], tenantID: UUID, on connection: PostgresConnection
    ) async throws -> [UUID: [String: String]] {
        let types = kinds.compactMap { kind -> String? in
            switch kind {
            case .email: Identifier.email
            case .phone: Identifier.phone
            case .pseudonymousID: nil
            }
        }
        guard !types.isEmpty, !members.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT DISTINCT ON (c.profile_id, i.type) c.profile_id AS member, i.type, i.value
            FROM profiles c
            JOIN profiles m ON m.tenant_id = c.tenant_id AND m.canonical_id = c.canonical_id
            JOIN profile_identifiers i ON i.tenant_id = m.tenant_id AND i.profile_id = m.profile_id
            WHERE c.tenant_id = $1 AND c.profile_id = ANY($2::uuid[]) AND i.type = ANY($3::text[])
            ORDER BY c.profile_id, i.type, i.profile_id <> c.profile_id, i.first_seen_at, i.value
            """, [tenantID, members, types])
        var found: [UUID: [String: String]] = [:]
        for row in rows {
            found[try row.decode(UUID.self, column: "member"), default: [:]][try row.decode(String.self, column: "type")] =
                try row.decode(String.self, column: "value")
        }
        return found
    }

    /// The member's row, or nil when it carries none of the identifiers the audience shares.
    private static func row(
        for member: UUID, action: AudienceMemberRow.Action, found: [String: String], kinds: [AudienceIdentifierKind],
        formatter: AudienceIdentifierFormatter, secret: [UInt8]
    ) -> AudienceMemberRow? {
        var row = AudienceMemberRow(action: action)
        if kinds.contains(.pseudonymousID) {
            row.pseudonymousID = Hex.encode(Digest.hmacSHA256(key: secret, message: Array(member.uuidString.lowercased().utf8)))
        }
        if kinds.contains(.email) { row.email = found[Identifier.email].map(formatter.email) }
        if kinds.contains(.phone) { row.phone = found[Identifier.phone].map(formatter.phone) }
        return row.pseudonymousID == nil && row.email == nil && row.phone == nil ? nil : row
    }
}
