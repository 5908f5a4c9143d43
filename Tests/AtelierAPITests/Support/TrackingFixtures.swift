import Foundation

/// Segment payloads and profile reads shared by the tracking, identity and profile suites.
enum TrackingFixtures {
    /// The example payloads of Segment's HTTP Tracking API spec, as its documentation gives them.
    static let specExamples: [(type: String, body: String)] = [
        (
            "identify",
            #"""
            {"anonymousId": "507f191e810c19729de860ea", "channel": "browser",
             "context": {"ip": "8.8.8.8", "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36"},
             "integrations": {"All": false, "Mixpanel": true, "Salesforce": true},
             "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db", "receivedAt": "2015-02-23T22:28:55.387Z",
             "sentAt": "2015-02-23T22:28:55.111Z", "timestamp": "2015-02-23T22:28:55.111Z",
             "traits": {"name": "Peter Gibbons", "email": "peter@example.com", "plan": "premium", "logins": 5,
                        "address": {"street": "6th St", "city": "San Francisco", "state": "CA", "postalCode": "94103", "country": "USA"}},
             "type": "identify", "userId": "97980cfea0067", "version": "1.1"}
            """#
        ),
        (
            "track",
            #"""
            {"anonymousId": "507f191e810c19729de860ea", "channel": "browser",
             "context": {"ip": "8.8.8.8", "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36"},
             "event": "Registered", "integrations": {"All": true, "Mixpanel": false, "Salesforce": false},
             "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db", "properties": {"plan": "Pro Annual", "accountType": "Facebook"},
             "receivedAt": "2015-02-23T22:28:55.387Z", "sentAt": "2015-02-23T22:28:55.111Z",
             "timestamp": "2015-02-23T22:28:55.111Z", "type": "track", "userId": "97980cfea0067", "version": "1.1"}
            """#
        ),
        (
            "page",
            #"""
            {"anonymousId": "507f191e810c19729de860ea", "channel": "browser",
             "context": {"ip": "8.8.8.8", "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36"},
             "integrations": {"All": true, "Mixpanel": false, "Salesforce": false},
             "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db", "name": "Home",
             "properties": {"title": "Welcome | Initech", "url": "http://www.example.com"},
             "receivedAt": "2015-02-23T22:28:55.387Z", "sentAt": "2015-02-23T22:28:55.111Z",
             "timestamp": "2015-02-23T22:28:55.111Z", "type": "page", "userId": "97980cfea0067", "version": "1.1"}
            """#
        ),
        (
            "screen",
            #"""
            {"anonymousId": "3a12eab0-bca7-11e4-8dfc-aa07a5b093db", "channel": "mobile", "context": {"ip": "8.8.8.8"},
             "integrations": {"All": true, "Mixpanel": false, "Salesforce": false},
             "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db", "name": "Home",
             "properties": {"variation": "blue signup button"}, "receivedAt": "2015-02-23T22:28:55.387Z",
             "sentAt": "2015-02-23T22:28:55.111Z", "timestamp": "2015-02-23T22:28:55.111Z", "type": "screen",
             "userId": "97980cfea0067", "version": "1.1"}
            """#
        ),
        (
            "group",
            #"""
            {"anonymousId": "507f191e810c19729de860ea", "channel": "browser",
             "context": {"ip": "8.8.8.8", "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36"},
             "integrations": {"All": true, "Mixpanel": false, "Salesforce": false},
             "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db", "receivedAt": "2015-02-23T22:28:55.387Z",
             "sentAt": "2015-02-23T22:28:55.111Z", "timestamp": "2015-02-23T22:28:55.111Z",
             "traits": {"name": "Initech", "industry": "Technology", "employees": 329, "plan": "enterprise", "total billed": 830},
             "type": "group", "userId": "97980cfea0067", "groupId": "0e8c78ea9d97a7b8185e8632", "version": "1.1"}
            """#
        ),
        (
            "alias",
            #"""
            {"anonymousId": "507f191e810c19729de860ea", "channel": "browser",
             "context": {"ip": "8.8.8.8", "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36"},
             "integrations": {"All": true, "Mixpanel": false, "Salesforce": false},
             "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db", "previousId": "39239-239239-239239-23923",
             "receivedAt": "2015-02-23T22:28:55.387Z", "sentAt": "2015-02-23T22:28:55.111Z",
             "timestamp": "2015-02-23T22:28:55.111Z", "type": "alias", "userId": "507f1f77bcf86cd799439011", "version": "1.1"}
            """#
        ),
    ]

    /// The batch example of Segment's HTTP API documentation.
    static let specBatch = #"""
        {"batch": [
          {"type": "identify", "userId": "019mr8mf4r", "traits": {"email": "jake@yahoo.com", "name": "Jake Peterson", "age": 26}, "timestamp": "2012-12-02T00:30:08.276Z"},
          {"type": "track", "userId": "019mr8mf4r", "event": "Song Played", "properties": {"name": "Fallin for You", "artist": "Dierks Bentley"}, "timestamp": "2012-12-02T00:30:12.984Z"},
          {"type": "identify", "userId": "971mj8mk7p", "traits": {"email": "cindy@example.com", "name": "Cindy Gonzalez", "age": 23}, "timestamp": "2012-12-02T00:30:08.276Z"},
          {"type": "track", "userId": "971mj8mk7p", "event": "Song Played", "properties": {"name": "Get Right", "artist": "Jennifer Lopez"}, "timestamp": "2012-12-02T00:30:12.984Z"}
        ],
        "context": {"device": {"type": "phone", "name": "Apple iPhone 6"}}}
        """#

    /// The live profile holding `identifier` (`type:value`), or nil when none does.
    static func profile(_ server: APITestServer, key: String, _ identifier: String) async throws -> [String: Any]? {
        let response = try await server.send("GET", "/v1/profiles?identifier=\(query(identifier))&purpose=analytics", key: key)
        return response.status == 200 ? response.json : nil
    }

    static func profileID(_ server: APITestServer, key: String, _ identifier: String) async throws -> String? {
        try await profile(server, key: key, identifier)?["id"] as? String
    }

    /// Every event of a profile's timeline, following cursors.
    static func timeline(_ server: APITestServer, key: String, profileID: String, filters: String = "")
        async throws -> [[String: Any]]
    {
        var events: [[String: Any]] = []
        var cursor: String?
        repeat {
            let cursorParameter = cursor.map { "&cursor=\($0)" } ?? ""
            let page = try await server.send(
                "GET", "/v1/profiles/\(profileID)/events?limit=2\(filters)\(cursorParameter)&purpose=analytics", key: key)
            events += page.json["data"] as? [[String: Any]] ?? []
            cursor = page.json["nextCursor"] as? String
        } while cursor != nil
        return events
    }

    /// Sends one call to `/v1/<type>` and fails the test unless it is acknowledged.
    @discardableResult
    static func send(_ server: APITestServer, key: String, _ type: String, _ body: String) async throws
        -> RawHTTPClient.Response
    {
        let response = try await server.send("POST", "/v1/\(type)", key: key, json: body)
        guard response.status == 200 else {
            throw RawHTTPClient.Failure(description: "\(type) refused: \(response.status) \(response.text)")
        }
        return response
    }

    static func query(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:@")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
