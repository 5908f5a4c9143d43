import AtelierHTTP
import Foundation

/// The lines of a request body (NDJSON, CSV), read in chunks from memory or from the file the
/// transport spooled a large body to, so a handler walks a multi-gigabyte upload holding one
/// chunk and one line at a time. Lines end at LF (a CR before it is dropped); a last line
/// without LF counts; each comes with its 1-based number. Reads of a spooled body are
/// blocking file reads of page-cached data.
public struct BodyLines: Sendable {
    private enum Source: Sendable {
        case memory([UInt8])
        case spooled(SpooledBody)
        /// A file on disk (the `atelier import` command).
        case file(String)
    }

    private let source: Source
    private static let chunkSize = 256 * 1024

    public init(request: HTTPRequest) {
        source = request.spooledBody.map(Source.spooled) ?? .memory(request.body)
    }

    /// The lines of the file at `path`, read in chunks as they are walked.
    public init(path: String) {
        source = .file(path)
    }

    /// Calls `body` with each line and its number, in order; stops at the first error thrown.
    /// Lines longer than `maximumLineLength` are passed as nil (the caller reports them).
    /// `progress` is called with the bytes read so far after each chunk.
    public func forEach(
        maximumLineLength: Int, progress: (Int) -> Void = { _ in },
        _ body: (_ number: Int, _ line: ArraySlice<UInt8>?) async throws -> Void
    ) async throws {
        var file: FileHandle?
        if case .file(let path) = source {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw BodyLinesError.cannotOpen(path: path) }
            file = handle
        }
        defer { try? file?.close() }
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
            switch source {
            case .spooled(let spooled):
                chunk = try spooled.read(at: offset, maximum: Self.chunkSize)
            case .memory(let memory):
                chunk = offset < memory.count ? Array(memory[offset..<min(memory.count, offset + Self.chunkSize)]) : []
            case .file:
                chunk = try file.map { [UInt8](try $0.read(upToCount: Self.chunkSize) ?? Data()) } ?? []
            }
            if chunk.isEmpty { break }
            offset += chunk.count
            progress(offset)
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

/// A body source that cannot be read.
public enum BodyLinesError: Error, CustomStringConvertible {
    case cannotOpen(path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path): "cannot open \(path) for reading"
        }
    }
}
