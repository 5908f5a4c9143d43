/// Why the server could not start, with the system's own words, so the operator
/// sees "address already in use" rather than a bare code.
public enum HTTPServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `host` is not a numeric IPv4 or IPv6 address.
    case invalidAddress(host: String)
    /// A system call failed while setting up the listener or an event loop.
    case systemCall(name: String, errno: Int32, message: String)
    /// Binding the listening socket failed (port in use, permission denied, ...).
    case bindFailed(address: String, port: UInt16, errno: Int32, message: String)
    /// `start()` was called on a server that is already running or has stopped.
    case alreadyStarted

    public var description: String {
        switch self {
        case .invalidAddress(let host):
            "invalid listen address '\(host)': expected a numeric IPv4 or IPv6 address"
        case .systemCall(let name, let errno, let message):
            "\(name) failed: \(message) (errno \(errno))"
        case .bindFailed(let address, let port, let errno, let message):
            "cannot bind \(address):\(port): \(message) (errno \(errno))"
        case .alreadyStarted:
            "the server was already started"
        }
    }
}
