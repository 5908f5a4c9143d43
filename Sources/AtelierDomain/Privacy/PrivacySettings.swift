import AtelierCrypto
import AtelierPostgres
import Foundation

/// A tenant's privacy settings, and what its suppression list has stopped so far.
public struct PrivacySettings: Sendable, Equatable {
    public var suppressionMode: SuppressionMode
    /// How long an export stays downloadable.
    public var exportTimeToLive: Duration
    /// The key status callbacks are signed with (HMAC-SHA256), for the receiver to verify them;
    /// derived from the tenant's secret, which it does not reveal.
    public var callbackSigningKey: [UInt8]
    public var suppressedIdentifiers: Int
    public var refusedCalls: Int
    public var droppedCalls: Int

    public static let exportTimeToLiveRange: ClosedRange<Int> = 300...2_592_000
}

/// Reads and changes `privacy_settings`; a tenant without a row has the defaults.
public struct PrivacySettingsStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func settings(tenantID: UUID) async throws -> PrivacySettings {
        try await pool.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT coalesce(s.suppression_mode, 'refuse') AS mode, coalesce(s.export_ttl_seconds, 259200) AS ttl,
                    (SELECT count(*) FROM suppressed_identifiers WHERE tenant_id = $1) AS suppressed,
                    (SELECT coalesce(sum(refused_calls), 0) FROM suppressed_identifiers WHERE tenant_id = $1) AS refused,
                    (SELECT coalesce(sum(dropped_calls), 0) FROM suppressed_identifiers WHERE tenant_id = $1) AS dropped
                FROM (VALUES (1)) AS one (n) LEFT JOIN privacy_settings s ON s.tenant_id = $1
                """, [tenantID])
            guard let row = rows.first else {
                throw DomainError.unavailable(reason: "privacy settings returned no row")
            }
            return PrivacySettings(
                suppressionMode: SuppressionMode(rawValue: try row.decode(String.self, column: "mode")) ?? .refuse,
                exportTimeToLive: .seconds(try row.decode(Int.self, column: "ttl")),
                callbackSigningKey: try await StatusCallbacks.signingKey(tenantID: tenantID, on: connection),
                suppressedIdentifiers: try row.decode(Int.self, column: "suppressed"),
                refusedCalls: try row.decode(Int.self, column: "refused"),
                droppedCalls: try row.decode(Int.self, column: "dropped"))
        }
    }

    /// Changes what is given; nil leaves a setting as it is.
    public func update(tenantID: UUID, suppressionMode: SuppressionMode?, exportTimeToLiveSeconds: Int?) async throws
        -> PrivacySettings
    {
        if let seconds = exportTimeToLiveSeconds, !PrivacySettings.exportTimeToLiveRange.contains(seconds) {
            throw DomainError.invalid(
                field: "/export_ttl_seconds",
                reason:
                    "must be from \(PrivacySettings.exportTimeToLiveRange.lowerBound) to \(PrivacySettings.exportTimeToLiveRange.upperBound)",
                hint: "259200 is three days")
        }
        try await pool.execute(
            """
            INSERT INTO privacy_settings (tenant_id, suppression_mode, export_ttl_seconds)
            VALUES ($1, coalesce($2, 'refuse'), coalesce($3, 259200))
            ON CONFLICT (tenant_id) DO UPDATE SET
                suppression_mode = coalesce($2, privacy_settings.suppression_mode),
                export_ttl_seconds = coalesce($3, privacy_settings.export_ttl_seconds), updated_at = now()
            """, [tenantID, suppressionMode?.rawValue, exportTimeToLiveSeconds])
        return try await settings(tenantID: tenantID)
    }
}
