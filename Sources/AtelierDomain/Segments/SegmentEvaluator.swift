import AtelierPostgres
import Foundation

/// Evaluates rules over a tenant's persons (live profiles), always through the pool of the
/// purpose the segment declares: row-level security removes every person, order, event and
/// trait that purpose may not use before the rule sees them.
public struct SegmentEvaluator: Sendable {
    private let pools: PersonalDataPools
    private let now: @Sendable () -> Date
    /// A preview first evaluates `1 / sampleParts` of the persons; when that suggests fewer
    /// persons than `exactBelow`, it evaluates them all instead and answers exactly.
    private let sampleParts: Int
    private let exactBelow: Int

    /// Member ids a preview shows.
    public static let sampleSize = 10

    /// - Parameter now: the clock relative dates are resolved against; tests pin it.
    public init(
        pools: PersonalDataPools, sampleParts: Int = 64, exactBelow: Int = 20_000,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.pools = pools
        self.sampleParts = max(sampleParts, 1)
        self.exactBelow = exactBelow
        self.now = now
    }

    /// The size of the segment `rule` would have, and a few of its members. Large tenants get an
    /// estimate from a fixed uniform sample of persons unless `exact` is asked for (which reads
    /// every person, as a refresh does).
    public func preview(tenantID: UUID, rule: SegmentRule, purpose: ReadPurpose, exact: Bool) async throws
        -> SegmentPreview
    {
        let evaluatedAt = now()
        if !exact {
            let scope = PersonScope.sample(parts: sampleParts)
            let sampled = try await count(tenantID: tenantID, rule: rule, purpose: purpose, scope: scope, at: evaluatedAt)
            if sampled.population * sampleParts >= exactBelow {
                return Self.estimate(sampled, parts: sampleParts, at: evaluatedAt)
            }
        }
        let all = try await count(tenantID: tenantID, rule: rule, purpose: purpose, scope: .all, at: evaluatedAt)
        return SegmentPreview(
            size: all.matches, exact: true, low: all.matches, high: all.matches, sampledFraction: 1,
            evaluated: all.population, sample: all.sample, evaluatedAt: evaluatedAt)
    }

    /// Opens a server-side cursor over the ids of every member, ascending, and hands it to
    /// `body`: memory stays flat however large the segment, and the reader pulls only as fast
    /// as it can use the ids.
    func withMembers<T>(
        tenantID: UUID, rule: SegmentRule, purpose: ReadPurpose, at evaluatedAt: Date,
        _ body: (MemberCursor) async throws -> T
    ) async throws -> T {
        let compiled = SegmentCompiler(now: evaluatedAt, scope: .all).compile(rule, tenantID: tenantID)
        let sql = Self.with(compiled.commonTables) + """
            SELECT p.profile_id FROM profiles p \(Self.lateral(compiled))
            WHERE p.tenant_id = $1 AND p.canonical_id = p.profile_id AND \(compiled.predicate)
            ORDER BY p.profile_id
            """
        return try await pools.pool(for: purpose).transaction { connection in
            try await connection.executeScript(Self.sessionSettings)
            try await connection.execute("DECLARE segment_members NO SCROLL CURSOR FOR " + sql, compiled.parameters.values)
            return try await body(MemberCursor(connection: connection))
        }
    }

    private struct Count {
        var population: Int
        var matches: Int
        var sample: [UUID]
    }

    private func count(tenantID: UUID, rule: SegmentRule, purpose: ReadPurpose, scope: PersonScope, at evaluatedAt: Date)
        async throws -> Count
    {
        let compiled = SegmentCompiler(now: evaluatedAt, scope: scope).compile(rule, tenantID: tenantID)
        var parameters = compiled.parameters
        let scopeCondition = scope.condition(on: "p", &parameters)
        let sql = Self.with(compiled.commonTables) + """
            SELECT count(*) AS population, count(*) FILTER (WHERE matched) AS matches,
                coalesce((array_agg(profile_id ORDER BY profile_id) FILTER (WHERE matched))[1:\(Self.sampleSize)], '{}') AS sample
            FROM (
                SELECT p.profile_id, \(compiled.predicate) AS matched FROM profiles p \(Self.lateral(compiled))
                WHERE p.tenant_id = $1 AND p.canonical_id = p.profile_id AND \(scopeCondition)
            ) persons
            """
        let row = try await pools.pool(for: purpose).transaction { connection in
            try await connection.executeScript(Self.sessionSettings)
            return try await connection.query(sql, parameters.values).first
        }
        guard let row else { return Count(population: 0, matches: 0, sample: []) }
        return Count(
            population: try row.decode(Int.self, column: "population"), matches: try row.decode(Int.self, column: "matches"),
            sample: try row.decode([UUID].self, column: "sample"))
    }

    /// Scales a sample's count up; the interval is the sampling error of a count drawn at
    /// fraction f (variance k(1 − f) / f² for k matches).
    private static func estimate(_ sampled: Count, parts: Int, at evaluatedAt: Date) -> SegmentPreview {
        let fraction = 1 / Double(parts)
        let matches = Double(sampled.matches)
        let spread = 1.96 * (matches * (1 - fraction)).squareRoot() / fraction
        let size = matches / fraction
        return SegmentPreview(
            size: Int(size.rounded()), exact: false, low: Int(max(0, size - spread).rounded(.down)),
            high: Int((size + spread).rounded(.up)), sampledFraction: fraction, evaluated: sampled.population,
            sample: sampled.sample, evaluatedAt: evaluatedAt)
    }

    private static func lateral(_ compiled: SegmentCompiler.Output) -> String {
        compiled.readsMembers ? SegmentCompiler.membersLateral : ""
    }

    private static func with(_ commonTables: [String]) -> String {
        commonTables.isEmpty ? "" : "WITH " + commonTables.joined(separator: ",\n") + "\n"
    }

    /// Per evaluation transaction: room for the hashed sets of RFM scores, and no JIT (its
    /// compile time costs more than it saves on these correlated plans).
    static let sessionSettings = "SET LOCAL work_mem = '64MB'; SET LOCAL jit = off"
}
