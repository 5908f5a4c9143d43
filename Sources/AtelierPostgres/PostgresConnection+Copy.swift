extension PostgresConnection {
    /// Bytes buffered before a chunk goes to the server: large enough to amortise the
    /// hop to the connection's thread, small enough to keep memory flat.
    private static let copyChunkSize = 256 * 1024

    /// Bulk-loads rows with `COPY … FROM STDIN` (text format), far faster than INSERTs for
    /// imports. Fields are text in PostgreSQL's input syntax (use `postgresText` of any
    /// `PostgresEncodable`), nil is NULL. Returns the number of rows copied.
    ///
    ///     try await connection.copyFrom("COPY events (id, name) FROM STDIN", rows: rows)
    @discardableResult
    public func copyFrom(
        _ copySQL: String, rows: some Sequence<[String?]>, callerIsolation: isolated (any Actor)? = #isolation
    ) async throws -> Int {
        try await copy(copySQL) { send in
            var encoder = CopyTextEncoder()
            for row in rows {
                encoder.append(row: row)
                if encoder.buffer.count >= Self.copyChunkSize { try await send(encoder.takeBuffer()) }
            }
            try await send(encoder.takeBuffer())
        }
    }

    /// Streams batches of rows into `COPY … FROM STDIN` as they are produced, so an import
    /// of any size holds one batch in memory at a time. If `batches` throws, the COPY is
    /// aborted (nothing is stored) and the error is rethrown.
    @discardableResult
    public func copyFrom<Batches: AsyncSequence>(
        _ copySQL: String, batches: Batches, callerIsolation: isolated (any Actor)? = #isolation
    ) async throws -> Int where Batches.Element: Sequence<[String?]> {
        try await copy(copySQL) { send in
            var encoder = CopyTextEncoder()
            for try await batch in batches {
                for row in batch { encoder.append(row: row) }
                if encoder.buffer.count >= Self.copyChunkSize { try await send(encoder.takeBuffer()) }
            }
            try await send(encoder.takeBuffer())
        }
    }

    private func copy(
        _ copySQL: String, callerIsolation: isolated (any Actor)? = #isolation,
        produce: (_ send: ([UInt8]) async throws -> Void) async throws -> Void
    ) async throws -> Int {
        try checkLease(copySQL)
        let backend = self.backend
        try await backend.beginCopy(copySQL)
        do {
            try await produce { chunk in
                if !chunk.isEmpty { try await backend.sendCopyData(chunk, query: copySQL) }
            }
        } catch {
            _ = try? await backend.endCopy(failure: "aborted by the client: \(error)", query: copySQL)
            throw error
        }
        return try await backend.endCopy(failure: nil, query: copySQL)
    }
}
