import COpenSSL

/// SHA-256 and HMAC-SHA256 over OpenSSL's libcrypto, which libpq already links,
/// so Atelier needs no second crypto stack.
public enum Digest {
    /// SHA-256 of `bytes`; used for API key hashes and migration checksums.
    public static func sha256<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        let input = Array(bytes)
        input.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                _ = SHA256(inputBuffer.baseAddress, inputBuffer.count, outputBuffer.baseAddress)
            }
        }
        return output
    }

    /// SHA-256 of the UTF-8 bytes of `string`.
    public static func sha256(_ string: String) -> [UInt8] {
        sha256(Array(string.utf8))
    }

    /// HMAC-SHA256: keyed hashes for suppression lists and signed callbacks.
    public static func hmacSHA256<Key: Collection<UInt8>, Message: Collection<UInt8>>(
        key: Key, message: Message
    ) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let keyBytes = Array(key)
        let messageBytes = Array(message)
        keyBytes.withUnsafeBufferPointer { keyBuffer in
            messageBytes.withUnsafeBufferPointer { messageBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    _ = HMAC(
                        EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count),
                        messageBuffer.baseAddress, messageBuffer.count,
                        outputBuffer.baseAddress, &length)
                }
            }
        }
        return Array(output.prefix(Int(length)))
    }
}
