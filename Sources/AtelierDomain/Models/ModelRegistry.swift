import AtelierPostgres
import Foundation

/// Versions of every model per tenant, and which one serves. Pipelines open a version
/// (`begin`), then `finish` or `fail` it; `finish` puts the version into service in the same
/// transaction when the pipeline's comparison says so, retiring the previous one. A version can
/// also be promoted by hand, which is how a rollback is done.
public struct ModelRegistry: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Opens the next version of `kind` in status `training`.
    public func begin(tenantID: UUID, kind: ModelKind, algorithm: String, jobID: UUID?) async throws -> Int {
        try await pool.transaction { connection in
            // Serialises version numbering per tenant and kind.
            try await connection.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended($1::text || '/' || $2, 0))", [tenantID, kind.rawValue])
            let rows = try await connection.query(
                """
                INSERT INTO model_versions (tenant_id, kind, version, status, algorithm, job_id)
                SELECT $1, $2, COALESCE(max(version), 0) + 1, 'training', $3, $4
                FROM model_versions WHERE tenant_id = $1 AND kind = $2
                RETURNING version
                """, [tenantID, kind.rawValue, algorithm, jobID])
            guard let version = try rows.first?.decode(Int.self, column: "version") else {
                throw DomainError.unavailable(reason: "no model version was opened")
            }
            return version
        }
    }

    /// Records a trained version; serves it (retiring the serving one) when `outcome.promote`.
    /// `store` writes the version's serving structures in the same transaction.
    public func finish(
        tenantID: UUID, kind: ModelKind, version: Int, outcome: TrainingOutcome,
        store: (PostgresConnection) async throws -> Void
    ) async throws {
        try await pool.transaction { connection in
            try await store(connection)
            try await connection.execute(
                """
                UPDATE model_versions SET status = $4, parameters = $5::jsonb, data_window = $6::jsonb,
                    row_counts = $7::jsonb, metrics = $8::jsonb, decision = $9, training_seconds = $10,
                    peak_memory_bytes = $11, trained_at = now()
                WHERE tenant_id = $1 AND kind = $2 AND version = $3
                """,
                [
                    tenantID, kind.rawValue, version, outcome.promote ? "trained" : ModelStatus.rejected.rawValue,
                    outcome.parameters, outcome.dataWindow, outcome.rowCounts, outcome.metrics, outcome.decision,
                    outcome.trainingSeconds, outcome.peakMemoryBytes,
                ])
            if outcome.promote {
                try await Self.serve(tenantID: tenantID, kind: kind, version: version, on: connection)
            }
        }
    }

    /// Marks a version failed with the reason, so the registry shows every attempt.
    public func fail(tenantID: UUID, kind: ModelKind, version: Int, reason: String) async throws {
        try await pool.execute(
            """
            UPDATE model_versions SET status = 'failed', decision = $4, trained_at = now()
            WHERE tenant_id = $1 AND kind = $2 AND version = $3
            """, [tenantID, kind.rawValue, version, String(reason.prefix(1000))])
    }

    /// Puts a trained, rejected or retired version into service by hand (promotion or rollback).
    public func promote(tenantID: UUID, kind: ModelKind, version: Int, by actor: String) async throws -> ModelVersion {
        try await pool.transaction { connection in
            let rows = try await connection.query(
                "SELECT status FROM model_versions WHERE tenant_id = $1 AND kind = $2 AND version = $3 FOR UPDATE",
                [tenantID, kind.rawValue, version])
            guard let row = rows.first else {
                throw DomainError.notFound(resource: "\(kind.rawValue) version", id: String(version))
            }
            let status = try row.decode(String.self, column: "status")
            guard [ModelStatus.trained, .rejected, .retired, .serving].map(\.rawValue).contains(status) else {
                throw DomainError.conflict(reason: "version \(version) is \(status); only a trained version can serve")
            }
            if status != ModelStatus.serving.rawValue {
                try await Self.serve(tenantID: tenantID, kind: kind, version: version, on: connection)
                try await connection.execute(
                    "UPDATE model_versions SET decision = $4 WHERE tenant_id = $1 AND kind = $2 AND version = $3",
                    [tenantID, kind.rawValue, version, "promoted by hand by \(actor)"])
            }
            return try await Self.versions(tenantID: tenantID, kind: kind, version: version, on: connection)[0]
        }
    }

    /// The serving version of `kind`, if any.
    public func serving(tenantID: UUID, kind: ModelKind) async throws -> Int? {
        try await pool.query(
            "SELECT version FROM model_versions WHERE tenant_id = $1 AND kind = $2 AND status = 'serving'",
            [tenantID, kind.rawValue]
        ).first?.decode(Int.self, column: "version")
    }

    /// Every version of `kind`, newest first.
    public func versions(tenantID: UUID, kind: ModelKind) async throws -> [ModelVersion] {
        try await pool.withConnection { connection in
            try await Self.versions(tenantID: tenantID, kind: kind, version: nil, on: connection)
        }
    }

    /// When the newest version of `kind` was opened, if ever; the scheduler trains again after
    /// the tenant's cadence.
    public func lastTrainingStart(tenantID: UUID, kind: ModelKind) async throws -> Date? {
        try await pool.query(
            "SELECT max(created_at) AS started FROM model_versions WHERE tenant_id = $1 AND kind = $2",
            [tenantID, kind.rawValue]
        ).first?.decode(Date?.self, column: "started")
    }

    private static func serve(tenantID: UUID, kind: ModelKind, version: Int, on connection: PostgresConnection)
        async throws
    {
        try await connection.execute(
            """
            UPDATE model_versions SET status = 'retired'
            WHERE tenant_id = $1 AND kind = $2 AND status = 'serving' AND version <> $3
            """, [tenantID, kind.rawValue, version])
        try await connection.execute(
            """
            UPDATE model_versions SET status = 'serving', promoted_at = now()
            WHERE tenant_id = $1 AND kind = $2 AND version = $3
            """, [tenantID, kind.rawValue, version])
    }

    private static func versions(tenantID: UUID, kind: ModelKind, version: Int?, on connection: PostgresConnection)
        async throws -> [ModelVersion]
    {
        try await connection.query(
            """
            SELECT version, status, algorithm, parameters::text AS parameters, data_window::text AS data_window,
                row_counts::text AS row_counts, metrics::text AS metrics, decision, training_seconds,
                peak_memory_bytes, job_id, created_at, trained_at, promoted_at
            FROM model_versions
            WHERE tenant_id = $1 AND kind = $2 AND ($3::int IS NULL OR version = $3)
            ORDER BY version DESC
            """, [tenantID, kind.rawValue, version]
        ).map { row in
            ModelVersion(
                kind: kind, version: try row.decode(Int.self, column: "version"),
                status: ModelStatus(rawValue: try row.decode(String.self, column: "status")) ?? .failed,
                algorithm: try row.decode(String.self, column: "algorithm"),
                parameters: try row.decode(String.self, column: "parameters"),
                dataWindow: try row.decode(String.self, column: "data_window"),
                rowCounts: try row.decode(String.self, column: "row_counts"),
                metrics: try row.decode(String.self, column: "metrics"),
                decision: try row.decode(String?.self, column: "decision"),
                trainingSeconds: try row.decode(Double?.self, column: "training_seconds"),
                peakMemoryBytes: try row.decode(Int64?.self, column: "peak_memory_bytes"),
                jobID: try row.decode(UUID?.self, column: "job_id"),
                createdAt: try row.decode(Date.self, column: "created_at"),
                trainedAt: try row.decode(Date?.self, column: "trained_at"),
                promotedAt: try row.decode(Date?.self, column: "promoted_at"))
        }
    }
}
