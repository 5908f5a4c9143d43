/// The person is in cluster `label` of a version of the automatic segmentation
/// (`{"cluster": {"model": "segmentation", "version": 3, "label": 2}}`).
///
/// Why the version is part of the rule: k-means numbers its clusters arbitrarily, so cluster 2
/// of a retrained version is in general another group of customers. A rule pinned to a version
/// keeps its meaning: every later training re-assigns the customers to that version's
/// centroids on their fresh features (see `ClusterAssignmentStore`), so the members stay
/// current while the cluster stays the one that was read and named.
///
/// Clusters are learnt for `analytics`: a person who objects to analytics is never in a
/// cluster, even before the next training removes their assignment.
public struct ClusterCondition: Sendable, Equatable {
    /// The clustering model; `segmentation` is the only one.
    public static let models = [ModelKind.segmentation.rawValue]

    public var version: Int
    public var label: Int

    public init(version: Int, label: Int) {
        self.version = version
        self.label = label
    }
}

extension ClusterCondition: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try RuleObject(decoder, allowed: ["model", "version", "label"], what: "a cluster condition")
        if let model = try object.decode(String.self, "model"), !Self.models.contains(model) {
            throw object.invalid("model", "is not a clustering model", hint: "one of " + Self.models.joined(separator: ", "))
        }
        version = try object.require(Int.self, "version", hint: "the segmentation version whose clusters are meant, e.g. 3")
        guard version >= 1 else { throw object.invalid("version", "must be at least 1") }
        label = try object.require(Int.self, "label", hint: "the cluster's label in that version, from 0")
        guard (0..<SegmentationParameters.clusterLimit).contains(label) else {
            throw object.invalid("label", "must be from 0 to \(SegmentationParameters.clusterLimit - 1)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleKey.self)
        try container.encode(ModelKind.segmentation.rawValue, forKey: RuleKey("model"))
        try container.encode(version, forKey: RuleKey("version"))
        try container.encode(label, forKey: RuleKey("label"))
    }
}
