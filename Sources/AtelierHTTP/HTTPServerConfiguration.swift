import Glibc

/// Everything an operator may tune about the transport, as plain values with safe
/// defaults, so the `serve` command can fill it from environment variables and tests
/// can shrink limits and timeouts to exercise them quickly.
public struct HTTPServerConfiguration: Sendable {
    /// Size limits that bound the memory one client can make the server hold.
    public struct Limits: Sendable {
        /// Longest request line (method, target and version) before the server answers 414.
        public var maxRequestLineLength: Int
        /// Largest header section, all field lines together, before the server answers 431.
        public var maxHeaderBytes: Int
        /// Most header fields in one request before the server answers 431.
        public var maxHeaderCount: Int
        /// Largest request body when the responder sets no per-route limit; beyond it, 413.
        public var maxBodySize: Int
        /// Most requests parsed ahead and waiting on one connection; past it the server
        /// stops reading that connection until earlier requests are answered.
        public var maxPipelinedRequests: Int
        /// Bodies larger than this are written to an unlinked temporary file as they arrive
        /// instead of being held in memory (`HTTPRequest.spooledBody`), so a route accepting a
        /// large import bounds the server's memory, not just the body's size.
        public var bodySpoolThreshold: Int
        /// Where spooled bodies are written.
        public var bodySpoolDirectory: String

        public init(
            maxRequestLineLength: Int = 8 * 1024,
            maxHeaderBytes: Int = 32 * 1024,
            maxHeaderCount: Int = 100,
            maxBodySize: Int = 1024 * 1024,
            maxPipelinedRequests: Int = 32,
            bodySpoolThreshold: Int = 1024 * 1024,
            bodySpoolDirectory: String = "/tmp"
        ) {
            self.maxRequestLineLength = maxRequestLineLength
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxBodySize = maxBodySize
            self.maxPipelinedRequests = max(1, maxPipelinedRequests)
            self.bodySpoolThreshold = max(0, bodySpoolThreshold)
            self.bodySpoolDirectory = bodySpoolDirectory
        }
    }

    /// Deadlines that keep slow or silent clients from holding connections forever.
    public struct Timeouts: Sendable {
        /// From the first byte of a request until the end of its header section; then 408.
        public var header: Duration
        /// Longest gap between two reads of body bytes; then 408.
        public var body: Duration
        /// How long a keep-alive connection may wait for its next request; then it is closed silently.
        public var idle: Duration
        /// How long a response may take to drain to a client that stopped reading; then the connection is closed.
        public var write: Duration
        /// How long the responder may work on one request before its task is cancelled; the
        /// responder still answers (the REST layer turns the cancellation into a 503). Enforced
        /// by the loop's deadline sweep, so it costs nothing per request; nil never cancels.
        public var responder: Duration?

        public init(
            header: Duration = .seconds(10),
            body: Duration = .seconds(30),
            idle: Duration = .seconds(60),
            write: Duration = .seconds(30),
            responder: Duration? = .seconds(30)
        ) {
            self.header = header
            self.body = body
            self.idle = idle
            self.write = write
            self.responder = responder
        }
    }

    /// Address to bind, as a numeric IPv4 or IPv6 literal.
    public var host: String
    /// Port to bind; 0 lets the kernel choose one, which `HTTPServer.start()` returns.
    public var port: UInt16
    /// Length of the kernel's queue of connections not yet accepted.
    public var backlog: Int32
    /// Number of event-loop threads, each with its own listener and epoll instance.
    public var eventLoopCount: Int
    /// Connections held at once across all loops; a connection beyond it is closed at once.
    public var maxConnections: Int
    /// Sizes beyond which a request is refused (414, 431, 413) before it is buffered.
    public var limits: Limits
    /// Deadlines after which a slow or silent connection is answered 408 or closed.
    public var timeouts: Timeouts

    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 8080,
        backlog: Int32 = 1024,
        eventLoopCount: Int = HTTPServerConfiguration.defaultEventLoopCount,
        maxConnections: Int = 10_000,
        limits: Limits = Limits(),
        timeouts: Timeouts = Timeouts()
    ) {
        self.host = host
        self.port = port
        self.backlog = backlog
        self.eventLoopCount = max(1, eventLoopCount)
        self.maxConnections = max(1, maxConnections)
        self.limits = limits
        self.timeouts = timeouts
    }

    /// One loop per online core: each loop is a busy thread, more would only contend.
    public static var defaultEventLoopCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
