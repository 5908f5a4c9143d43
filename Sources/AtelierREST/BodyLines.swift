import AtelierHTTP

/// The lines of a request body (NDJSON, CSV), read in chunks from memory or from the file the
/// transport spooled a large body to, so a handler walks a multi-gigabyte upload holding one
/// chunk and one line at a time. Lines end at LF (a CR before it is dropped); a last line
/// without LF counts; each comes with its 1-based number. Reads of a spooled body are
/// blocking file reads of page-cached data.
public struct BodyLines: Sendable {
    private let memory: [UInt8]
    private let spooled: SpooledBody?
    private static let chunkSize = 256 * 1024

    public init(request: HTTPRequest) {
        memory = request.body
        spooled = request.spooledBody
    }

    /// Total bytes of the body, for progress.
    public var byteCount: Int { spooled?.count ?? memory.count }

    /// Calls `body` with each line and its number, in order; stops at the first error thrown.
    /// Lines longer than `maximumLineLength` are passed as nil (the caller reports them).
    public func forEach(
        maximumLineLength: Int, _ body: (_ number: Int, _ line: ArraySlice<UInt8>?) async throws -> Void
    ) async throws {
        var pending: [UInt8] = []
        var tooLong = false
        var number = 0
        var offset = 0
        func emit(_ line: ArraySlice<UInt8>) async throws {
            number += 1
            var trimmed = line
            if trimmed.last == UInt8(ascii: "\r") { trimmed = trimmed.dropLast() }
            try await body(number, tooLong ? nil : trimmed)
            tooLong = false
        }
        while true {
            let chunk: [UInt8]
            if let spooled {
                chunk = try spooled.read(at: offset, maximum: Self.chunkSize)
            } else {
                chunk = offset < memory.count ? Array(memory[offset..<min(memory.count, offset + Self.chunkSize)]) : []
            }
            if chunk.isEmpty { break }
            offset += chunk.count
            var start = chunk.startIndex
            while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
                if pending.isEmpty {
                    try await emit(chunk[start..<newline])
                } else {
                    pending.append(contentsOf: chunk[start..<newline])
                    try await emit(pending[...])
                    pending.removeAll(keepingCapacity: true)
                }
                start = newline + 1
            }
            if !tooLong {
                pending.append(contentsOf: chunk[start...])
                if pending.count > maximumLineLength {
                    tooLong = true
                    pending.removeAll(keepingCapacity: true)
                }
            }
        }
        if !pending.isEmpty || tooLong { try await emit(pending[...]) }
    }
}
