import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

/// Tamper evidence: the chain verifies when untouched and names the first broken sequence
/// when an entry is changed, deleted or reordered (tampering here as the table's owner,
/// with the append-only trigger disabled), and the database refuses ordinary changes.
@Suite("Audit chain")
struct AuditChainTests {
    /// A tenant with seven entries: its creation, its admin key, five rule changes.
    private func tenantWithHistory(_ server: APITestServer) async throws -> (tenant: Tenant, admin: String) {
        let (tenant, admin) = try await server.makeTenant(scopes: [.admin])
        for index in 0..<5 {
            _ = try await IdentityRuleStore(pool: server.pool).replaceRules(
                tenantID: tenant.id, with: [IdentityRule(type: "email", priority: 10 + index, maxPerProfile: 1)], by: .cli)
        }
        return (tenant, admin)
    }

    @Test func anUntouchedChainVerifies() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await tenantWithHistory(server)

            let verdict = try await AuditFixtures.verify(server, key: admin)

            #expect(verdict["intact"] as? Bool == true)
            #expect(verdict["entriesChecked"] as? Int == 7)
            #expect(verdict["lastSequence"] as? Int == 7)
            #expect(verdict["firstBrokenSequence"] is NSNull)
            #expect(verdict["problem"] is NSNull)
            let newest = try #require(try await AuditFixtures.entries(server, key: admin, query: "limit=1").first)
            #expect(verdict["headHash"] as? String == newest["hash"] as? String)
            #expect(try await AuditTrail(pool: server.pool).verify(tenantID: tenant.id).isIntact)
        }
    }

    @Test func aChangedEntryIsDetectedAtItsSequence() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await tenantWithHistory(server)

            try await AuditFixtures.tamper(
                server.pool,
                "UPDATE audit_log SET detail = jsonb_set(detail, '{ruleCount}', '0') WHERE tenant_id = '\(tenant.id)' AND sequence = 4")

            let verdict = try await AuditFixtures.verify(server, key: admin)
            #expect(verdict["intact"] as? Bool == false)
            #expect(verdict["firstBrokenSequence"] as? Int == 4)
            #expect(verdict["problem"] as? String == "hash_mismatch")
        }
    }

    @Test func aChangedEntryWithARecomputedHashBreaksTheLinkToTheNext() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await tenantWithHistory(server)
            let trail = AuditTrail(pool: server.pool)
            var forged = try #require(
                try await trail.page(tenantID: tenant.id, query: AuditQuery(beforeSequence: 5, limit: 1)).entries.first)
            forged.record.actor = .system
            let forgedHash = AuditEntryEncoding.hash(
                record: forged.record, sequence: forged.sequence, occurredAtMicroseconds: forged.occurredAtMicroseconds,
                previousHash: forged.previousHash)

            try await AuditFixtures.tamper(
                server.pool,
                """
                UPDATE audit_log SET actor_type = 'system', actor_id = NULL, entry_hash = '\\x\(forgedHash.map { String(format: "%02x", $0) }.joined())'
                WHERE tenant_id = '\(tenant.id)' AND sequence = 4
                """)

            let verdict = try await AuditFixtures.verify(server, key: admin)
            #expect(verdict["firstBrokenSequence"] as? Int == 5)
            #expect(verdict["problem"] as? String == "chain_mismatch")
        }
    }

    @Test func aDeletedEntryIsDetectedAsMissing() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await tenantWithHistory(server)

            try await AuditFixtures.tamper(
                server.pool, "DELETE FROM audit_log WHERE tenant_id = '\(tenant.id)' AND sequence = 3")

            let verdict = try await AuditFixtures.verify(server, key: admin)
            #expect(verdict["firstBrokenSequence"] as? Int == 3)
            #expect(verdict["problem"] as? String == "missing_entry")
        }
    }

    @Test func aDeletedNewestEntryIsDetectedAgainstTheChainHead() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await tenantWithHistory(server)

            try await AuditFixtures.tamper(
                server.pool, "DELETE FROM audit_log WHERE tenant_id = '\(tenant.id)' AND sequence = 7")

            let verdict = try await AuditFixtures.verify(server, key: admin)
            #expect(verdict["firstBrokenSequence"] as? Int == 7)
            #expect(verdict["problem"] as? String == "missing_entry")
        }
    }

    @Test func reorderedEntriesAreDetectedAtTheFirstMovedOne() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await tenantWithHistory(server)

            try await AuditFixtures.tamper(
                server.pool,
                """
                UPDATE audit_log SET sequence = 1000 WHERE tenant_id = '\(tenant.id)' AND sequence = 5;
                UPDATE audit_log SET sequence = 5 WHERE tenant_id = '\(tenant.id)' AND sequence = 6;
                UPDATE audit_log SET sequence = 6 WHERE tenant_id = '\(tenant.id)' AND sequence = 1000
                """)

            let verdict = try await AuditFixtures.verify(server, key: admin)
            #expect(verdict["firstBrokenSequence"] as? Int == 5)
            #expect(verdict["problem"] as? String == "hash_mismatch")
        }
    }

    @Test func anotherTenantsTamperingDoesNotBreakThisChain() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await tenantWithHistory(server)
            let (other, _) = try await tenantWithHistory(server)

            try await AuditFixtures.tamper(
                server.pool, "DELETE FROM audit_log WHERE tenant_id = '\(other.id)' AND sequence = 2")

            #expect(try await AuditFixtures.verify(server, key: admin)["intact"] as? Bool == true)
            #expect(try await AuditTrail(pool: server.pool).verify(tenantID: other.id).problem == .missingEntry)
        }
    }

    @Test func theDatabaseRefusesToChangeOrRemoveEntries() async throws {
        try await APITestServer.with { server in
            let (tenant, _) = try await tenantWithHistory(server)
            let statements = [
                "UPDATE audit_log SET outcome = 'success' WHERE tenant_id = '\(tenant.id)'",
                "DELETE FROM audit_log WHERE tenant_id = '\(tenant.id)'",
                "TRUNCATE audit_log",
                "UPDATE audit_chain_heads SET last_sequence = 2 WHERE tenant_id = '\(tenant.id)'",
                "DELETE FROM audit_chain_heads WHERE tenant_id = '\(tenant.id)'",
            ]
            for statement in statements {
                let refusal = await #expect(throws: PostgresError.self, "\(statement)") {
                    try await server.pool.execute(statement)
                }
                #expect(refusal?.sqlState == "42501", "refused by the trigger, not by chance: \(statement)")
            }
            #expect(try await AuditTrail(pool: server.pool).verify(tenantID: tenant.id).entriesChecked == 7)
        }
    }

    @Test func anEntryThatDoesNotExtendTheChainIsRefused() async throws {
        try await APITestServer.with { server in
            let (tenant, _) = try await tenantWithHistory(server)

            await #expect(throws: PostgresError.self) {
                try await server.pool.execute(
                    """
                    INSERT INTO audit_log (tenant_id, sequence, occurred_at, actor_type, action, outcome, previous_hash, entry_hash)
                    VALUES ($1, 8, now(), 'system', 'key.created', 'success', $2, $2)
                    """, [tenant.id, [UInt8](repeating: 7, count: 32)])
            }
        }
    }

    @Test func anActionAndItsEntryCommitOrFailTogether() async throws {
        try await APITestServer.with { server in
            let (tenant, _) = try await server.makeTenant(scopes: [.admin])
            let invalid = AuditRecord(tenantID: tenant.id, actor: .system, action: AuditAction(rawValue: "Not A Name"))

            await #expect(throws: PostgresError.self) {
                try await server.pool.transaction { connection in
                    try await connection.execute(
                        "INSERT INTO blocked_identifiers (tenant_id, type, value) VALUES ($1, 'device_id', 'tablet-1')",
                        [tenant.id])
                    try await AuditLog.append(invalid, in: connection)
                }
            }
            await #expect(throws: RolledBack.self) {
                try await server.pool.transaction { connection in
                    try await AuditLog.append(
                        AuditRecord(tenantID: tenant.id, actor: .system, action: .identifierBlocked), in: connection)
                    throw RolledBack()
                }
            }

            #expect(try await IdentityRuleStore(pool: server.pool).blocked(tenantID: tenant.id).isEmpty)
            let verdict = try await AuditTrail(pool: server.pool).verify(tenantID: tenant.id)
            #expect(verdict.isIntact)
            #expect(verdict.lastSequence == 2)
        }
    }

    @Test func concurrentAppendsFormOneGaplessChain() async throws {
        try await APITestServer.with { server in
            let (tenant, _) = try await server.makeTenant(scopes: [.admin])
            // Appends of one tenant queue behind each other by design; a patient pool keeps a
            // loaded machine from turning that queue into acquire timeouts.
            let pool = server.database.makePool(size: 8) { $0.acquireTimeout = .seconds(300) }
            let log = AuditLog(pool: pool)

            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await log.append(
                            AuditRecord(
                                tenantID: tenant.id, actor: .system, action: .consentChanged, detail: ["n": .integer(Int64(index))]))
                    }
                }
                try await group.waitForAll()
            }

            let verdict = try await AuditTrail(pool: pool, verificationPageSize: 7).verify(tenantID: tenant.id)
            #expect(verdict.isIntact)
            #expect(verdict.entriesChecked == 42)
            #expect(verdict.lastSequence == 42)
        }
    }

    @Test func theEncodingIsTheDocumentedOne() throws {
        let record = AuditRecord(
            tenantID: try #require(UUID(uuidString: "00000000-0000-0000-0000-00000000000A")), actor: .cli,
            action: .keyCreated, target: .apiKey(try #require(UUID(uuidString: "00000000-0000-0000-0000-00000000000B"))),
            detail: ["scopes": ["admin"], "b": 1, "a": "x\"y"])

        let bytes = AuditEntryEncoding.encode(
            record: record, sequence: 3, occurredAtMicroseconds: 1_700_000_000_123_456,
            previousHash: AuditEntryEncoding.genesisHash)

        let expected =
            "16:atelier.audit.v1,64:" + String(repeating: "0", count: 64) + ",36:00000000-0000-0000-0000-00000000000a,"
            + "1:3,16:1700000000123456,3:cli,~11:key.created,7:api_key,36:00000000-0000-0000-0000-00000000000b,"
            + #"7:success,~37:{"a":"x\"y","b":1,"scopes":["admin"]},"#
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }
}

private struct RolledBack: Error {}
