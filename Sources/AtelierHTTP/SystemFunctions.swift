import Glibc

/// Linux calls that Swift's Glibc module does not import (<sys/epoll.h>,
/// <sys/eventfd.h>, and `accept4`, which needs _GNU_SOURCE). This target has no C shim,
/// so they are looked up once in the C library with `dlsym` and called through C
/// function pointers, which keeps the C calling convention.
struct SystemFunctions: Sendable {
    let epollCreate1: @convention(c) (Int32) -> Int32
    let epollControl: @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    let epollWait: @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    let eventfd: @convention(c) (UInt32, Int32) -> Int32
    let accept4:
        @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32

    /// nil only on a C library without these symbols, i.e. not Linux glibc or musl.
    static let resolved: SystemFunctions? = resolve()

    static func required() throws(HTTPServerError) -> SystemFunctions {
        guard let resolved else {
            throw HTTPServerError.systemCall(
                name: "dlsym", errno: 0, message: "epoll, eventfd or accept4 is unavailable")
        }
        return resolved
    }

    private static func resolve() -> SystemFunctions? {
        guard let epollCreate1 = dlsym(nil, "epoll_create1"), let epollControl = dlsym(nil, "epoll_ctl"),
            let epollWait = dlsym(nil, "epoll_wait"), let eventfd = dlsym(nil, "eventfd"),
            let accept4 = dlsym(nil, "accept4")
        else { return nil }
        return SystemFunctions(
            epollCreate1: unsafeBitCast(epollCreate1, to: (@convention(c) (Int32) -> Int32).self),
            epollControl: unsafeBitCast(
                epollControl, to: (@convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32).self),
            epollWait: unsafeBitCast(
                epollWait, to: (@convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32).self),
            eventfd: unsafeBitCast(eventfd, to: (@convention(c) (UInt32, Int32) -> Int32).self),
            accept4: unsafeBitCast(
                accept4,
                to: (@convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32)
                    -> Int32).self))
    }
}
