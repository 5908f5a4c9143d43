import AtelierCrypto
import AtelierDomain
import ArgumentParser
import Foundation

/// Operator commands for the audit log, run directly on the database (no API key needed).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the hash chain of one tenant's audit log, or of every tenant's.",
            discussion: "Prints one line per tenant; exits with status 1 when any chain is broken.")

        @Option(help: "Tenant id or slug; every tenant with an audit log when omitted.") var tenant: String?

        func run() async throws {
            let reference = tenant
            let results = try await AtelierRuntime.withRuntime(label: "atelier.audit") { runtime in
                let trail = AuditTrail(pool: runtime.pool)
                let tenantIDs: [UUID]
                if let reference {
                    tenantIDs = [try await runtime.tenants.find(reference: reference).id]
                } else {
                    tenantIDs = try await trail.tenantsWithChains()
                }
                var results: [(UUID, AuditVerification)] = []
                for tenantID in tenantIDs {
                    results.append((tenantID, try await trail.verify(tenantID: tenantID)))
                }
                return results
            }
            for (tenantID, verification) in results {
                print(Self.line(tenantID: tenantID, verification))
            }
            if results.contains(where: { !$0.1.isIntact }) {
                throw ExitCode(1)
            }
        }

        static func line(tenantID: UUID, _ verification: AuditVerification) -> String {
            let tenant = tenantID.uuidString.lowercased()
            guard let problem = verification.problem, let sequence = verification.firstBrokenSequence else {
                return "\(tenant)\tintact\t\(verification.entriesChecked) entries\thead \(verification.lastSequence) "
                    + Hex.encode(verification.headHash)
            }
            return "\(tenant)\tBROKEN\tfirst broken sequence \(sequence) (\(problem.rawValue))"
        }
    }
}
