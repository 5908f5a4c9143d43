import AtelierDomain
import AtelierWorker
import Foundation
import Testing

/// `train:segmentation` end to end: a planted clientele in through the API, a trained and
/// registered version whose clusters are the planted groups, readable clusters, cluster
/// segments, consent and erasure.
@Suite("Automatic segmentation", .serialized)
struct SegmentationTrainingTests {
    static let data = PlantedSegments(seed: 7)
    static let search = #"{"minClusters": 2, "maxClusters": 6, "seed": 3}"#

    @Test func theClustersRecoverThePlantedGroups() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentationFixtures.load(Self.data, server: server, key: key)
            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: Self.search)

            let assigned = try await SegmentationFixtures.assignments(version: 1, server: server)
            let labels = try ids.map { try #require(assigned[$0]) }
            let agreement = SegmentationFixtures.adjustedRandIndex(Self.data.groups, labels)
            print("segmentation: adjusted Rand index \(agreement) against the planted groups")
            #expect(agreement > 0.95)
            #expect(Set(labels).count == 3)
        }
    }

    @Test func theVersionIsRegisteredWithWhatItWasTrainedOnAndTheScoreOfEveryK() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            _ = try await SegmentationFixtures.load(Self.data, server: server, key: key)
            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: Self.search)

            let version = try await ScoreFixtures.latestVersion(.segmentation, server: server, key: key)
            #expect(version["status"] as? String == "serving")
            #expect(version["algorithm"] as? String == "k-means++ lloyd")
            let metrics = try #require(version["metrics"] as? [String: Any])
            #expect(metrics["clusterCount"] as? Int == 3)
            let candidates = try #require(metrics["candidates"] as? [[String: Any]])
            #expect(candidates.compactMap { $0["clusterCount"] as? Int } == [2, 3, 4, 5, 6])
            let silhouettes = candidates.compactMap { $0["silhouette"] as? Double }
            #expect(silhouettes.count == 5)
            #expect(silhouettes.max() == silhouettes[1], "k = 3 scores best")
            #expect((metrics["clusterSizes"] as? [Int])?.sorted() == [30, 30, 30])
            let counts = try #require(version["rowCounts"] as? [String: Any])
            #expect(counts["customers"] as? Int == Self.data.customers)
            #expect(counts["fitted"] as? Int == Self.data.customers)
            let parameters = try #require(version["parameters"] as? [String: Any])
            #expect(parameters["seed"] as? Int == 3)
            #expect(parameters["restarts"] as? Int == 10)
            let window = try #require(version["dataWindow"] as? [String: Any])
            #expect(window["categories"] as? [String] == ["bags", "jewellery", "scarves"])
            #expect((version["trainingSeconds"] as? Double).map { $0 > 0 } == true)
            #expect((version["peakMemoryBytes"] as? Int).map { $0 > 0 } == true)
        }
    }

    @Test func theElbowRuleChoosesThePlantedNumberOfGroups() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            _ = try await SegmentationFixtures.load(Self.data, server: server, key: key)
            try await ScoreFixtures.train(
                .segmentation, server: server, key: key, body: #"{"criterion": "elbow", "minClusters": 2, "maxClusters": 7}"#)

            let version = try await ScoreFixtures.latestVersion(.segmentation, server: server, key: key)
            let metrics = try #require(version["metrics"] as? [String: Any])
            let candidates = try #require(metrics["candidates"] as? [[String: Any]])
            #expect(metrics["criterion"] as? String == "elbow")
            #expect(metrics["clusterCount"] as? Int == 3)
            #expect(candidates.allSatisfy { $0["elbowDistance"] is Double && $0["silhouette"] == nil })
            let inertias = candidates.compactMap { $0["inertia"] as? Double }
            #expect(inertias == inertias.sorted(by: >), "more clusters, less inertia")
        }
    }

    @Test func eachClusterIsDescribedInOriginalUnitsAndNamed() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentationFixtures.load(Self.data, server: server, key: key)
            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: Self.search)
            let assigned = try await SegmentationFixtures.assignments(version: 1, server: server)
            let storeLabel = try #require(assigned[ids[0]])

            let listing = try await SegmentationFixtures.clusters(version: 1, server: server, key: key)
            #expect(listing["version"] as? Int == 1)
            let clusters = try #require(listing["data"] as? [[String: Any]])
            #expect(clusters.compactMap { $0["size"] as? Int }.reduce(0, +) == Self.data.customers)
            let store = try #require(clusters.first { $0["label"] as? Int == storeLabel })
            let centroid = try #require(store["centroid"] as? [String: Double])
            // The planted store regulars: every order in a store, all bags, every order within the year.
            let plantedOrders = Self.data.orders.filter { Self.data.groups[$0.customer] == 0 }.count
            #expect(abs(try #require(centroid["store_share"]) - 1) < 1e-9)
            #expect(abs(try #require(centroid["share_bags"]) - 1) < 1e-9)
            #expect(abs(try #require(centroid["orders_365d"]) - Double(plantedOrders) / 30) < 1e-9)
            let name = try #require(store["name"] as? String)
            print("segmentation cluster names: \(clusters.compactMap { $0["name"] as? String })")
            #expect(name.contains("store"))
            #expect(name.hasSuffix("regulars"))
            let features = try #require(store["distinguishingFeatures"] as? [[String: Any]])
            #expect(!features.isEmpty)
            #expect(features.allSatisfy { ($0["deviation"] as? Double).map { abs($0) >= 0.5 } == true })
            #expect(Set(clusters.compactMap { $0["name"] as? String }).count == clusters.count, "names are unique")
            let rule = try #require(store["rule"] as? [String: Any])
            #expect((rule["cluster"] as? [String: Any])?["label"] as? Int == storeLabel)
        }
    }

    @Test func theClusterListingCarriesExactlyItsSchemasProperties() async throws {
        let schemas = try OpenAPIContractTests.document.get().schemaProperties
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            _ = try await SegmentationFixtures.load(Self.data, server: server, key: key)
            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: Self.search)

            let listing = try await SegmentationFixtures.clusters(version: 1, server: server, key: key)
            let cluster = try #require((listing["data"] as? [[String: Any]])?.first)
            #expect(Set(listing.keys) == schemas["SegmentationClusters"])
            #expect(Set(cluster.keys) == schemas["SegmentationCluster"])
        }
    }

    @Test func aClusterBecomesASavedSegmentWhoseMembersAreTheCluster() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentationFixtures.load(Self.data, server: server, key: key)
            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: Self.search)
            let assigned = try await SegmentationFixtures.assignments(version: 1, server: server)
            let label = try #require(assigned[ids[0]])

            let created = try await server.send(
                "POST", "/v1/models/segmentation/versions/1/clusters/\(label)/segment", key: key)
            #expect(created.status == 201, "\(created.text)")
            let segmentID = try #require(created.json["id"] as? String)
            #expect(created.header("Location") == "/v1/segments/\(segmentID)")
            #expect((created.json["name"] as? String)?.hasSuffix("(segmentation v1)") == true)
            let rule = try #require(created.json["rule"] as? [String: Any])
            let condition = try #require(rule["cluster"] as? [String: Any])
            #expect(condition["version"] as? Int == 1)
            #expect(condition["model"] as? String == "segmentation")

            let members = try await SegmentationFixtures.refreshedMembers(segmentID, server: server, key: key)
            #expect(members == Set(assigned.filter { $0.value == label }.keys))
            #expect(members.contains(ids[0]))
        }
    }

    @Test func aCustomerObjectingToAnalyticsIsNeverClusteredNorInAClusterSegment() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentationFixtures.load(Self.data, server: server, key: key)
            try await ConsentFixtures.record(server, key: key, profileID: ids[1].uuidString, #"{"analytics": false}"#)
            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: Self.search)

            let assigned = try await SegmentationFixtures.assignments(version: 1, server: server)
            #expect(assigned[ids[1]] == nil)
            #expect(assigned.count == Self.data.customers - 1)
            let label = try #require(assigned[ids[0]])
            // A withdrawal after the training counts at once, before the next one re-assigns.
            try await ConsentFixtures.record(server, key: key, profileID: ids[2].uuidString, #"{"analytics": false}"#)
            let created = try await server.send(
                "POST", "/v1/models/segmentation/versions/1/clusters/\(label)/segment", key: key,
                json: #"{"name": "Store regulars", "purpose": "analytics"}"#)
            let segmentID = try #require(created.json["id"] as? String)
            let members = try await SegmentationFixtures.refreshedMembers(segmentID, server: server, key: key)
            #expect(!members.contains(ids[1]))
            #expect(!members.contains(ids[2]))
            #expect(assigned[ids[2]] == label, "customer 2 was clustered before withdrawing")
            #expect(members == Set(assigned.filter { $0.value == label && $0.key != ids[2] }.keys))
        }
    }

    @Test func erasureRemovesTheCustomersAssignments() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentationFixtures.load(Self.data, server: server, key: key)
            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: Self.search)
            #expect(try await SegmentationFixtures.assignments(version: 1, server: server)[ids[4]] != nil)

            try await PrivacyFixtures.submit(
                server, key: key,
                PrivacyFixtures.request(identities: [("controller_customer_id", Self.data.userID(4), "raw")]))
            await PrivacyFixtures.drain(server)

            let left = try await server.pool.query(
                "SELECT count(*) AS n FROM cluster_assignments WHERE profile_id = $1", [ids[4]]
            ).first?.decode(Int.self, column: "n")
            #expect(left == 0)
            #expect(try await SegmentationFixtures.assignments(version: 1, server: server).count == Self.data.customers - 1)
        }
    }

    @Test func aSegmentKeepsItsVersionAcrossRetrainingAndUnpinnedVersionsAreDropped() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentationFixtures.load(Self.data, server: server, key: key)
            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: Self.search)
            let first = try await SegmentationFixtures.assignments(version: 1, server: server)
            let created = try await server.send(
                "POST", "/v1/models/segmentation/versions/1/clusters/\(try #require(first[ids[0]]))/segment", key: key)
            let segmentID = try #require(created.json["id"] as? String)

            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: #"{"maxClusters": 5, "seed": 9}"#)
            #expect(try await SegmentationFixtures.assignments(version: 1, server: server) == first, "re-assigned, same facts")
            #expect(try await SegmentationFixtures.assignments(version: 2, server: server).count == Self.data.customers)
            let segment = try await server.send("GET", "/v1/segments/\(segmentID)", key: key)
            #expect(((segment.json["rule"] as? [String: Any])?["cluster"] as? [String: Any])?["version"] as? Int == 1)

            #expect(try await server.send("DELETE", "/v1/segments/\(segmentID)", key: key).status == 204)
            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: Self.search)
            let versions = try await server.pool.query("SELECT DISTINCT version FROM cluster_assignments ORDER BY 1")
            #expect(try versions.map { try $0.decode(Int.self, column: "version") } == [3])
            let dropped = try await SegmentationFixtures.clusters(version: 2, server: server, key: key)
            #expect(dropped["assignmentsKept"] as? Bool == false)
            let late = try await server.send("POST", "/v1/models/segmentation/versions/2/clusters/0/segment", key: key)
            #expect(late.status == 409, "its segment would stay empty until the next training")
        }
    }
}
