import COpenSSL

/// Errors from the crypto layer; each says which primitive failed.
public enum CryptoError: Error, Equatable, Sendable {
    /// OpenSSL's CSPRNG could not produce bytes (it was not seeded); nothing was generated.
    case randomGenerationFailed(byteCount: Int)
}

/// Cryptographically secure random bytes from OpenSSL's CSPRNG, for API keys and secrets.
public enum SecureRandom {
    public static func bytes(count: Int) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        let status = output.withUnsafeMutableBufferPointer { buffer in
            RAND_bytes(buffer.baseAddress, Int32(count))
        }
        guard status == 1 else { throw .randomGenerationFailed(byteCount: count) }
        return output
    }
}
