import Foundation
import Glibc

/// A request body kept in a temporary file instead of memory, so a multi-gigabyte import
/// costs the server disk, not RAM (as nginx's `client_body_temp` does). The file was unlinked
/// when created: it lives exactly as long as this object's descriptor, so a crash leaves
/// nothing behind.
public final class SpooledBody: Sendable {
    /// Bytes written.
    public let count: Int
    /// Immutable after the body is complete; read with `pread`, which keeps no file position,
    /// so concurrent readers cannot disturb one another.
    private let fd: Int32

    init(fd: Int32, count: Int) {
        self.fd = fd
        self.count = count
    }

    deinit {
        close(fd)
    }

    /// Up to `maximum` bytes from `offset`; empty at the end.
    public func read(at offset: Int, maximum: Int) throws -> [UInt8] {
        guard offset < count else { return [] }
        var bytes = [UInt8](repeating: 0, count: min(maximum, count - offset))
        let read = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
        guard read >= 0 else { throw SpooledBodyError(errno: errno) }
        bytes.removeLast(bytes.count - read)
        return bytes
    }
}

/// Reading a spooled body failed; `errno` says why.
public struct SpooledBodyError: Error, Sendable, Equatable {
    public var errno: Int32
}

/// Collects a body in memory up to a threshold and in an unlinked temporary file beyond it.
struct BodyAccumulator {
    private let threshold: Int
    private let directory: String
    private var memory: [UInt8] = []
    private var fd: Int32 = -1
    private(set) var count = 0

    init(threshold: Int, directory: String) {
        self.threshold = threshold
        self.directory = directory
    }

    /// Appends bytes; false when the spool file cannot be written (disk full, no directory).
    mutating func append(_ bytes: ArraySlice<UInt8>) -> Bool {
        count += bytes.count
        if fd < 0 && memory.count + bytes.count <= threshold {
            memory.append(contentsOf: bytes)
            return true
        }
        if fd < 0 {
            guard openSpool() else { return false }
            guard write(memory[...]) else { return false }
            memory = []
        }
        return write(bytes)
    }

    /// The body: in memory, or the spool file; resets the accumulator.
    mutating func take() -> (bytes: [UInt8], spooled: SpooledBody?) {
        defer {
            memory = []
            fd = -1
            count = 0
        }
        if fd >= 0 { return ([], SpooledBody(fd: fd, count: count)) }
        return (memory, nil)
    }

    /// Drops a body never handed out (a rejected request).
    mutating func discard() {
        if fd >= 0 { close(fd) }
        memory = []
        fd = -1
        count = 0
    }

    private mutating func openSpool() -> Bool {
        var template = Array((directory + "/atelier-body-XXXXXX").utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard opened >= 0 else { return false }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        fd = opened
        return true
    }

    private func write(_ bytes: ArraySlice<UInt8>) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
