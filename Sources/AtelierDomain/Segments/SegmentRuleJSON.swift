import Foundation

/// The stored form of rules: canonical JSON (sorted members, dates as written), so equal
/// rules store equal text and a stored rule reads back exactly.
public enum SegmentRuleJSON {
    public static func text(of rule: SegmentRule) throws -> String {
        String(decoding: try encoder.encode(rule), as: UTF8.self)
    }

    /// Parses a rule; failures are `DomainError.invalid` naming the node (pointers from the root).
    public static func rule(from text: String) throws -> SegmentRule {
        try JSONDecoder().decode(SegmentRule.self, from: Data(text.utf8))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
