import Glibc

/// Linux epoll and eventfd, called through `SystemFunctions`; the constants are the
/// kernel ABI values from <sys/epoll.h>.
enum Epoll {
    static let input: UInt32 = 0x001
    static let output: UInt32 = 0x004
    static let error: UInt32 = 0x008
    static let hangUp: UInt32 = 0x010
    static let readHangUp: UInt32 = 0x2000
    static let edgeTriggered: UInt32 = 1 << 31

    private static let controlAdd: Int32 = 1
    private static let controlDelete: Int32 = 2

    /// A new close-on-exec epoll instance.
    static func create() throws(HTTPServerError) -> Int32 {
        let functions = try SystemFunctions.required()
        let fd = functions.epollCreate1(O_CLOEXEC)
        guard fd >= 0 else { throw .systemCall("epoll_create1") }
        return fd
    }

    /// A new non-blocking, close-on-exec eventfd with a zero counter.
    static func makeEventFD() throws(HTTPServerError) -> Int32 {
        let functions = try SystemFunctions.required()
        let fd = functions.eventfd(0, O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .systemCall("eventfd") }
        return fd
    }

    /// Watches `fd` for `events`; `token` comes back with each of its events.
    static func add(_ fd: Int32, to epollFD: Int32, events: UInt32, token: UInt64) -> Bool {
        guard let functions = SystemFunctions.resolved else { return false }
        var event: EventBuffer.Raw = (0, 0)
        EventBuffer.store(events: events, token: token, at: &event)
        let result = withUnsafeMutableBytes(of: &event) {
            functions.epollControl(epollFD, controlAdd, fd, $0.baseAddress)
        }
        return result == 0
    }

    static func remove(_ fd: Int32, from epollFD: Int32) {
        guard let functions = SystemFunctions.resolved else { return }
        var event: EventBuffer.Raw = (0, 0)
        _ = withUnsafeMutableBytes(of: &event) { functions.epollControl(epollFD, controlDelete, fd, $0.baseAddress) }
    }

    /// Waits up to `timeoutMilliseconds` and returns how many events `buffer` now holds (-1 with errno set).
    static func wait(_ epollFD: Int32, into buffer: EventBuffer, timeoutMilliseconds: Int32) -> Int32 {
        guard let functions = SystemFunctions.resolved else { return -1 }
        return functions.epollWait(epollFD, buffer.storage, Int32(buffer.capacity), timeoutMilliseconds)
    }

    /// Storage for `struct epoll_event`s as the kernel lays them out: packed to 12 bytes
    /// on x86-64, naturally aligned to 16 bytes elsewhere.
    struct EventBuffer {
        /// Room for one event on every architecture.
        fileprivate typealias Raw = (UInt64, UInt64)
        #if arch(x86_64)
        private static let stride = 12
        private static let dataOffset = 4
        #else
        private static let stride = 16
        private static let dataOffset = 8
        #endif

        fileprivate let storage: UnsafeMutableRawPointer
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            storage = .allocate(byteCount: capacity * Self.stride, alignment: 8)
        }

        func deallocate() {
            storage.deallocate()
        }

        func events(at index: Int) -> UInt32 {
            storage.loadUnaligned(fromByteOffset: index * Self.stride, as: UInt32.self)
        }

        func token(at index: Int) -> UInt64 {
            storage.loadUnaligned(fromByteOffset: index * Self.stride + Self.dataOffset, as: UInt64.self)
        }

        fileprivate static func store(events: UInt32, token: UInt64, at raw: inout Raw) {
            withUnsafeMutableBytes(of: &raw) { bytes in
                bytes.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
                bytes.storeBytes(of: token, toByteOffset: dataOffset, as: UInt64.self)
            }
        }
    }
}
