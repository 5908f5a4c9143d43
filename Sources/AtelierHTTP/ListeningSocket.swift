import Glibc

/// Opens non-blocking listening sockets. Each event loop gets its own socket bound to
/// the same address with `SO_REUSEPORT`, so the kernel spreads new connections across
/// loops without a shared accept queue or a thundering herd.
enum ListeningSocket {
    /// Binds `host:port` and listens; returns the descriptor and the port actually bound.
    static func open(host: String, port: UInt16, backlog: Int32) throws(HTTPServerError) -> (fd: Int32, port: UInt16) {
        let fd = try bind(host: host, port: port, reusePort: true)
        guard listen(fd, backlog) == 0 else {
            let error = HTTPServerError.systemCall("listen")
            close(fd)
            throw error
        }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        guard named == 0 else {
            let error = HTTPServerError.systemCall("getsockname")
            close(fd)
            throw error
        }
        return (fd, SocketAddress.port(of: actual))
    }

    /// Fails when another socket already listens on `host:port`. `SO_REUSEPORT` would
    /// otherwise let a second server of the same user share the port silently and take
    /// part of its traffic; a probe bound without it sees the conflict.
    static func ensureAvailable(host: String, port: UInt16) throws(HTTPServerError) {
        guard port != 0 else { return }
        close(try bind(host: host, port: port, reusePort: false))
    }

    private static func bind(host: String, port: UInt16, reusePort: Bool) throws(HTTPServerError) -> Int32 {
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        if var ipv4 = ipv4Address(host, port: port) {
            family = AF_INET
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeBytes(of: &ipv4) { source in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
            }
        } else if var ipv6 = ipv6Address(host, port: port) {
            family = AF_INET6
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeBytes(of: &ipv6) { source in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
            }
        } else {
            throw .invalidAddress(host: host)
        }

        let fd = socket(
            family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .systemCall("socket") }
        var enable: Int32 = 1
        let optionLength = socklen_t(MemoryLayout<Int32>.size)
        guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &enable, optionLength) == 0,
            !reusePort || setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &enable, optionLength) == 0
        else {
            let error = HTTPServerError.systemCall("setsockopt")
            close(fd)
            throw error
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw .bindFailed(address: host, port: port, errno: code, message: String(cString: strerror(code)))
        }
        return fd
    }

    private static func ipv4Address(_ host: String, port: UInt16) -> sockaddr_in? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
        return address
    }

    private static func ipv6Address(_ host: String, port: UInt16) -> sockaddr_in6? {
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = port.bigEndian
        guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { return nil }
        return address
    }
}

/// Reads ports and printable addresses out of `sockaddr_storage`.
enum SocketAddress {
    static func port(of storage: sockaddr_storage) -> UInt16 {
        let family = Int32(storage.ss_family)
        return withUnsafeBytes(of: storage) { raw in
            switch family {
            case AF_INET: UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port)
            case AF_INET6: UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port)
            default: 0
            }
        }
    }

    /// "ip:port" (IPv6 as "[ip]:port"), for logs and `HTTPRequest.remoteAddress`.
    static func description(of storage: sockaddr_storage) -> String {
        var storage = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = Int32(storage.ss_family)
        let converted = withUnsafeMutableBytes(of: &storage) { raw -> Bool in
            switch family {
            case AF_INET:
                let pointer = raw.baseAddress! + MemoryLayout<sockaddr_in>.offset(of: \.sin_addr)!
                return inet_ntop(AF_INET, pointer, &text, socklen_t(text.count)) != nil
            case AF_INET6:
                let pointer = raw.baseAddress! + MemoryLayout<sockaddr_in6>.offset(of: \.sin6_addr)!
                return inet_ntop(AF_INET6, pointer, &text, socklen_t(text.count)) != nil
            default:
                return false
            }
        }
        guard converted else { return "" }
        let ip = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let port = String(port(of: storage))
        return family == AF_INET6 ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
