import AtelierDomain
import Foundation
import Testing

/// Refusals of the segmentation routes: bad parameters with the field at fault, unknown
/// versions, labels and kinds, and keys without the scope.
@Suite("Segmentation requests")
struct SegmentationRequestTests {
    @Test func trainingParametersOfTheWrongShapeAreRefusedWithTheField() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let cases: [(body: String, status: Int, field: String)] = [
                (#"{"maxClusters": 50}"#, 422, "/maxClusters"),
                (#"{"minClusters": 1}"#, 422, "/minClusters"),
                (#"{"minClusters": 5, "maxClusters": 3}"#, 422, "/maxClusters"),
                (#"{"criterion": "elbow", "minClusters": 2, "maxClusters": 3}"#, 422, "/maxClusters"),
                (#"{"criterion": "gap"}"#, 422, "/criterion"),
                (#"{"restarts": "ten"}"#, 422, "/restarts"),
                (#"{"seed": -1}"#, 422, "/seed"),
                (#"{"silhouetteSampleSize": 5}"#, 422, "/silhouetteSampleSize"),
                (#"{"categories": 11}"#, 422, "/categories"),
                (#"{"k": 3}"#, 422, "/k"),
                (#"{"minSupport": 0.1}"#, 422, "/minSupport"),
            ]
            for (body, status, field) in cases {
                let response = try await server.send("POST", "/v1/models/segmentation/train", key: key, json: body)
                #expect(response.status == status, "\(body): \(response.text)")
                #expect(response.json["field"] as? String == field, "\(body): \(response.text)")
                #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            }
            let malformed = try await server.send("POST", "/v1/models/segmentation/train", key: key, json: #"{"seed": 1"#)
            #expect(malformed.status == 400)
            let jobs = try await server.send("GET", "/v1/jobs", key: key)
            #expect((jobs.json["data"] as? [Any])?.isEmpty == true, "nothing was queued")
        }
    }

    @Test func unknownVersionsLabelsAndKindsAnswerNotFound() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let data = PlantedSegments(seed: 2, perGroup: 5)
            _ = try await SegmentationFixtures.load(data, server: server, key: key)
            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: #"{"maxClusters": 3}"#)
            let cases: [(String, String, Int)] = [
                ("GET", "/v1/models/segmentation/versions/2/clusters", 404),
                ("GET", "/v1/models/propensity/versions/1/clusters", 404),
                ("GET", "/v1/models/telepathy/versions/1/clusters", 404),
                ("GET", "/v1/models/segmentation/versions/one/clusters", 400),
                ("GET", "/v1/models/segmentation/versions/1%27%3B%20DROP%20TABLE%20segments%3B--/clusters", 400),
                ("POST", "/v1/models/segmentation/versions/1/clusters/19/segment", 404),
                ("POST", "/v1/models/segmentation/versions/1/clusters/-1/segment", 404),
                ("POST", "/v1/models/segmentation/versions/1/clusters/x/segment", 400),
                ("POST", "/v1/models/segmentation/versions/7/clusters/0/segment", 404),
            ]
            for (method, path, status) in cases {
                let response = try await server.send(method, path, key: key)
                #expect(response.status == status, "\(method) \(path): \(response.text)")
                #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            }
            let segments = try await server.send("GET", "/v1/segments", key: key)
            #expect((segments.json["data"] as? [Any])?.isEmpty == true, "no segment was saved")
        }
    }

    @Test func aClusterSegmentBodyIsReadStrictly() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            _ = try await SegmentationFixtures.load(PlantedSegments(seed: 2, perGroup: 5), server: server, key: key)
            try await ScoreFixtures.train(.segmentation, server: server, key: key, body: #"{"maxClusters": 3}"#)
            let path = "/v1/models/segmentation/versions/1/clusters/0/segment"
            let cases: [(body: String, status: Int, field: String)] = [
                (#"{"nom": "x"}"#, 422, "/nom"),
                (#"{"purpose": "gossip"}"#, 422, "/purpose"),
                (#"{"name": 7}"#, 422, "/name"),
                (#"{"name": "   "}"#, 422, "/name"),
                (#"{"refreshIntervalSeconds": 5}"#, 422, "/refreshIntervalSeconds"),
            ]
            for (body, status, field) in cases {
                let response = try await server.send("POST", path, key: key, json: body)
                #expect(response.status == status, "\(body): \(response.text)")
                #expect(response.json["field"] as? String == field, "\(body): \(response.text)")
            }
            let named = try await server.send(
                "POST", path, key: key, json: #"{"name": "Clientèle 👜 '; DROP TABLE segments; --", "purpose": "marketing_email"}"#)
            #expect(named.status == 201, "\(named.text)")
            #expect(named.json["name"] as? String == "Clientèle 👜 '; DROP TABLE segments; --")
            #expect(named.json["purpose"] as? String == "marketing_email")
        }
    }

    @Test func aFailedVersionHasNoClusters() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            await #expect(throws: (any Error).self) { try await ScoreFixtures.train(.segmentation, server: server, key: key) }
            let version = try await ScoreFixtures.latestVersion(.segmentation, server: server, key: key)
            #expect(version["status"] as? String == "failed")
            #expect((version["decision"] as? String)?.contains("too few") == true)
            let clusters = try await server.send("GET", "/v1/models/segmentation/versions/1/clusters", key: key)
            #expect(clusters.status == 409)
        }
    }

    @Test func keysWithoutTheScopeAreRefused() async throws {
        try await APITestServer.with { server in
            let (tenant, _) = try await server.makeTenant()
            let segmentsOnly = try await server.issueKey(tenant: tenant, scopes: [.segmentsManage])
            let modelsOnly = try await server.issueKey(tenant: tenant, scopes: [.modelsManage])
            let partner = try await server.issueKey(tenant: tenant, scopes: [.audiencesRead])
            let list = "/v1/models/segmentation/versions/1/clusters"
            let save = "/v1/models/segmentation/versions/1/clusters/0/segment"
            #expect(try await server.send("GET", list, key: segmentsOnly).status == 403)
            #expect(try await server.send("GET", list, key: partner).status == 403)
            #expect(try await server.send("POST", save, key: modelsOnly).status == 403)
            #expect(try await server.send("POST", save, key: partner).status == 403)
            #expect(try await server.send("POST", "/v1/models/segmentation/train", key: segmentsOnly).status == 403)
            #expect(try await server.send("GET", list).status == 401)
        }
    }
}
