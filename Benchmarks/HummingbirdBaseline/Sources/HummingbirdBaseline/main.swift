// Hummingbird 2 baseline for scripts/bench.
//
// Serves `GET /healthz` with exactly the body Atelier returns (`{"status":"ok"}`,
// `content-type: application/json`), on 127.0.0.1 only.
//
// Usage: HummingbirdBaseline [PORT]   (or env HB_PORT; default 8081)
import Hummingbird

let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init)
    ?? Environment().get("HB_PORT").flatMap(Int.init)
    ?? 8081

/// Built once: the handler only hands out the same immutable buffer, as a static JSON
/// answer should be served (Atelier's /healthz is just as static).
let healthBody = ByteBuffer(string: #"{"status":"ok"}"#)

let router = Router()
router.get("healthz") { _, _ -> Response in
    Response(
        status: .ok,
        headers: [.contentType: "application/json"],
        body: .init(byteBuffer: healthBody)
    )
}

let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port))
)
try await app.runService()
