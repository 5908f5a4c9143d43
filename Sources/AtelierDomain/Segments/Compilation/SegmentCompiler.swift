import AtelierPostgres
import Foundation

/// Compiles a rule into a boolean SQL expression over one person, `p` (a live profile row of
/// `profiles`), plus the common tables it needs (RFM scores). Values are bind parameters; the
/// text is fixed fragments and column names from the code, never from the rule.
///
/// Each condition is a correlated subquery over the person's merged profiles, whose ids the
/// evaluation looks up once per person as `members.ids` (see `membersLateral`), always true or
/// false (never NULL), so `not` and `or` follow two-valued logic. Correlated evaluation reads only the persons in scope and their own
/// facts through the primary keys, which is what makes a sampled preview cost its sample.
/// Relative dates are resolved against `now`.
struct SegmentCompiler {
    let now: Date
    let scope: PersonScope

    struct Output {
        /// `name AS MATERIALIZED (...)` entries for a WITH clause.
        var commonTables: [String]
        /// Whether the predicate reads `members.ids`, so the evaluation must join `membersLateral`.
        var readsMembers: Bool
        var predicate: String
        var parameters: SQLParameters
    }

    func compile(_ rule: SegmentRule, tenantID: UUID) -> Output {
        var state = State(parameters: SQLParameters(tenantID: tenantID))
        let predicate = expression(rule, &state)
        return Output(
            commonTables: state.commonTables, readsMembers: predicate.contains(Self.members), predicate: predicate,
            parameters: state.parameters)
    }

    private struct State {
        var parameters: SQLParameters
        var commonTables: [String] = []
    }

    private func expression(_ rule: SegmentRule, _ state: inout State) -> String {
        switch rule {
        case .and(let rules): "(" + rules.map { expression($0, &state) }.joined(separator: " AND ") + ")"
        case .or(let rules): "(" + rules.map { expression($0, &state) }.joined(separator: " OR ") + ")"
        case .not(let rule): "(NOT " + expression(rule, &state) + ")"
        case .trait(let condition): trait(condition, &state.parameters)
        case .identifier(let condition): identifier(condition, &state.parameters)
        case .consent(let condition):
            "consent_permits(p.tenant_id, p.profile_id, \(state.parameters.bind(condition.purpose.rawValue, as: .text)))"
        case .purchase(let condition): PurchaseFactsSQL(condition: condition, now: now).predicate(&state.parameters)
        case .event(let condition): event(condition, &state.parameters)
        case .rfm(let condition): rfm(condition, &state)
        case .score(let condition): score(condition, &state.parameters)
        case .cluster(let condition): cluster(condition, &state.parameters)
        }
    }

    /// The ids of the profiles merged into the person `p`, looked up once per person (one index
    /// probe, and one consent check per profile) for every condition of the rule.
    static let membersLateral = """
        CROSS JOIN LATERAL (
            SELECT array_agg(m.profile_id) AS ids FROM profiles m WHERE m.tenant_id = p.tenant_id AND m.canonical_id = p.profile_id
        ) members
        """
    static let members = "members.ids"

    /// Rows of `table` (as `alias`) belonging to the person's profiles.
    static func ofMembers(_ table: String, _ alias: String) -> String {
        "FROM \(table) \(alias) WHERE \(alias).tenant_id = $1 AND \(alias).profile_id = ANY(\(members))"
    }

    private func trait(_ condition: TraitCondition, _ parameters: inout SQLParameters) -> String {
        let key = parameters.bind(condition.key, as: .text)
        let rows = Self.ofMembers("profile_traits", "t") + " AND t.key = \(key)"
        let test: String
        switch condition.test {
        case .exists(let present):
            return (present ? "" : "NOT ") + "EXISTS (SELECT 1 \(rows))"
        case .equals(let value):
            test = "v = \(parameters.bind(PostgresJSON(value.jsonText), as: .jsonb))"
        case .notEquals(let value):
            test = "v <> \(parameters.bind(PostgresJSON(value.jsonText), as: .jsonb))"
        case .oneOf(let values):
            test = "v = ANY(\(parameters.bind(values.map { PostgresJSON($0.jsonText) }, as: .jsonbArray)))"
        case .range(let terms):
            test = terms.map { op, value in
                if let number = value.numericText {
                    return "(CASE WHEN jsonb_typeof(v) = 'number' THEN v::numeric END) \(op.sql) \(parameters.bind(number, as: .numeric))"
                }
                let text = if case .string(let text) = value { text } else { "" }
                return "(CASE WHEN jsonb_typeof(v) = 'string' THEN v #>> '{}' END) COLLATE \"C\" \(op.sql) \(parameters.bind(text, as: .text))"
            }.joined(separator: " AND ")
        case .contains(let text):
            test = "strpos(lower(CASE WHEN jsonb_typeof(v) = 'string' THEN v #>> '{}' END), lower(\(parameters.bind(text, as: .text)))) > 0"
        }
        return """
            coalesce((SELECT \(test) FROM (SELECT t.value AS v \(rows) ORDER BY t.updated_at DESC LIMIT 1) newest), false)
            """
    }

    private func identifier(_ condition: IdentifierCondition, _ parameters: inout SQLParameters) -> String {
        "EXISTS (SELECT 1 \(Self.ofMembers("profile_identifiers", "i")) AND i.type = \(parameters.bind(condition.type, as: .text)))"
    }

    private func event(_ condition: EventCondition, _ parameters: inout SQLParameters) -> String {
        var filters: [String] = []
        if let name = condition.name { filters.append("e.event = \(parameters.bind(name, as: .text))") }
        if let type = condition.type { filters.append("e.type = \(parameters.bind(type.rawValue, as: .text))") }
        if !condition.properties.isEmpty {
            let object = PostgresJSON(Self.jsonObject(condition.properties))
            filters.append("e.properties @> \(parameters.bind(object, as: .jsonb))")
        }
        filters += Self.window(condition.window, column: "e.occurred_at", now: now, &parameters)
        let test = Self.compare("count(*)", condition.count, &parameters)
        return "coalesce((SELECT \(test) \(Self.ofMembers("events", "e"))\(filters.map { " AND " + $0 }.joined())), false)"
    }

    private func rfm(_ condition: RFMCondition, _ state: inout State) -> String {
        let name = "rfm_\(state.commonTables.count + 1)"
        state.commonTables.append(
            "\(name) AS MATERIALIZED (\(RFMScoresSQL(condition: condition, now: now, scope: scope).scores(&state.parameters)))")
        var tests: [String] = []
        for (column, comparison) in [("recency", condition.recency), ("frequency", condition.frequency), ("monetary", condition.monetary)] {
            if let comparison { tests.append(Self.compare(column, comparison, &state.parameters)) }
        }
        return "p.profile_id IN (SELECT person FROM \(name) WHERE \(tests.joined(separator: " AND ")))"
    }

    /// The newest serving score of the kind among the person's profiles (their own first).
    private func score(_ condition: ScoreCondition, _ parameters: inout SQLParameters) -> String {
        let analytics = Self.permitsAnalytics(&parameters)
        let kind = parameters.bind(condition.kind.rawValue, as: .text)
        let test = condition.terms.map { op, value in "s.score \(op.sql) \(parameters.bind(value, as: .float8))" }
            .joined(separator: " AND ")
        return """
            (\(analytics) AND coalesce((SELECT \(test) \(Self.ofMembers("profile_scores", "s")) AND s.kind = \(kind)
                AND EXISTS (SELECT 1 FROM model_versions v WHERE v.tenant_id = s.tenant_id AND v.kind = s.kind
                    AND v.version = s.version AND v.status = 'serving')
                ORDER BY s.profile_id = p.profile_id DESC, s.scored_at DESC LIMIT 1), false))
            """
    }

    private func cluster(_ condition: ClusterCondition, _ parameters: inout SQLParameters) -> String {
        let analytics = Self.permitsAnalytics(&parameters)
        let version = parameters.bind(Int64(condition.version), as: .bigint)
        let label = parameters.bind(Int64(condition.label), as: .bigint)
        return """
            (\(analytics) AND EXISTS (SELECT 1 \(Self.ofMembers("cluster_assignments", "c")) AND c.version = \(version) AND c.label = \(label)))
            """
    }

    /// Model outputs are learnt for analytics: the person must still permit it, whatever the
    /// segment's purpose, so a withdrawal counts before the outputs are recomputed.
    private static func permitsAnalytics(_ parameters: inout SQLParameters) -> String {
        "consent_permits(p.tenant_id, p.profile_id, \(parameters.bind(ReadPurpose.analytics.rawValue, as: .text)))"
    }

    /// `expression <op> $n AND …` for each term.
    static func compare(_ expression: String, _ comparison: NumberComparison, _ parameters: inout SQLParameters) -> String {
        comparison.terms.map { op, value in "\(expression) \(op.sql) \(parameters.bind(value, as: .bigint))" }
            .joined(separator: " AND ")
    }

    /// Conditions placing `column` in `window`.
    static func window(_ window: TimeWindow, column: String, now: Date, _ parameters: inout SQLParameters) -> [String] {
        let bounds = window.bounds(now: now)
        var conditions: [String] = []
        if let lower = bounds.lower { conditions.append("\(column) >= \(parameters.bind(lower, as: .timestamptz))") }
        if let upper = bounds.upper { conditions.append("\(column) < \(parameters.bind(upper, as: .timestamptz))") }
        return conditions
    }

    private static func jsonObject(_ properties: [String: JSONScalar]) -> String {
        let members = properties.sorted { $0.key < $1.key }.map { key, value in
            JSONScalar.string(key).jsonText + ":" + value.jsonText
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}
