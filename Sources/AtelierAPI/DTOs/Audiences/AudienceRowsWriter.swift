import AtelierDomain
import Foundation

/// Writes a page of audience members as NDJSON (one object per line) or CSV (a header row,
/// then one row per member; fields quoted when they hold a comma, quote or line break).
/// Columns are those the audience shares: `action`, then `pseudonymous_id`, `email_sha256` /
/// `email`, `phone_sha256` / `phone` (raw audiences), in that order.
struct AudienceRowsWriter {
    let audience: AudienceDefinition
    let format: AudienceFormat

    var contentType: String {
        switch format {
        case .ndjson: "application/x-ndjson"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    var columns: [String] {
        var columns = ["action"]
        if audience.identifiers.contains(.pseudonymousID) { columns.append("pseudonymous_id") }
        let suffix = audience.rawIdentifiers ? "" : "_sha256"
        if audience.identifiers.contains(.email) { columns.append("email" + suffix) }
        if audience.identifiers.contains(.phone) { columns.append("phone" + suffix) }
        return columns
    }

    func body(_ rows: [AudienceMemberRow]) throws -> [UInt8] {
        let columns = columns
        var output: [UInt8] = []
        switch format {
        case .csv:
            output.append(contentsOf: (columns.joined(separator: ",") + "\r\n").utf8)
            for row in rows {
                output.append(contentsOf: (values(of: row).map { Self.csvField($0 ?? "") }.joined(separator: ",") + "\r\n").utf8)
            }
        case .ndjson:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            for row in rows {
                var object: [String: String?] = [:]
                for (column, value) in zip(columns, values(of: row)) { object[column] = value }
                output.append(contentsOf: try encoder.encode(OrderedRow(columns: columns, values: object)))
                output.append(UInt8(ascii: "\n"))
            }
        }
        return output
    }

    private func values(of row: AudienceMemberRow) -> [String?] {
        var values: [String?] = [row.action.rawValue]
        if audience.identifiers.contains(.pseudonymousID) { values.append(row.pseudonymousID) }
        if audience.identifiers.contains(.email) { values.append(row.email) }
        if audience.identifiers.contains(.phone) { values.append(row.phone) }
        return values
    }

    private static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    /// A JSON object with members in column order and nulls written.
    private struct OrderedRow: Encodable {
        let columns: [String]
        let values: [String: String?]

        struct Key: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for column in columns { try container.encode(values[column] ?? nil, forKey: Key(stringValue: column)) }
        }
    }
}
