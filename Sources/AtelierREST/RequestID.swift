import AtelierHTTP

/// The request id: the client's `X-Request-Id` when it is safe to log and echo,
/// otherwise a fresh random one.
///
/// This is not a middleware on purpose. Every problem body must carry the id, including
/// problems raised by middleware itself, so `Application` settles it before any
/// middleware runs and echoes it on every response.
public enum RequestID {
    public static let headerName = "X-Request-Id"
    /// Longer ids are replaced: they bloat every log line and may be an injection attempt.
    public static let maximumLength = 128

    /// The incoming id when it is 1…128 characters of `[A-Za-z0-9._-]`, else a new one.
    public static func resolve(from headers: HTTPHeaders) -> String {
        if let incoming = headers[headerName], isAcceptable(incoming) { return incoming }
        return generate()
    }

    /// 128 random bits as 32 lowercase hex digits.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64, low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    static func isAcceptable(_ id: String) -> Bool {
        let bytes = id.utf8
        return !bytes.isEmpty && bytes.count <= maximumLength
            && bytes.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default: false
                }
            }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
