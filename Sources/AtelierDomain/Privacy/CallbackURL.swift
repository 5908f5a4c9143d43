import Foundation

/// Where a request's status changes are POSTed (OpenDSR `status_callback_urls`), checked when
/// the request arrives so a delivery never fails on a URL that could not work.
///
/// Only `http` is delivered for now: Atelier has no TLS client yet, so an `https` URL is
/// refused with a clear problem rather than accepted and never delivered.
public struct CallbackURL: Sendable, Equatable {
    public let text: String
    public let host: String
    public let port: UInt16
    /// Path and query, as sent on the request line.
    public let target: String

    public static let maximumLength = 2048

    public init(_ text: String, field: String = "url") throws(DomainError) {
        guard text.utf8.count <= Self.maximumLength, let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty
        else {
            throw .invalid(
                field: field, reason: "is not an absolute URL", hint: "for example http://privacy.example.com/opendsr")
        }
        guard scheme == "http" else {
            throw .invalid(
                field: field, reason: "uses the scheme '\(scheme)', which Atelier cannot deliver to yet",
                hint: "use an http:// URL (for example through a TLS-terminating relay)")
        }
        guard components.user == nil, components.password == nil, components.fragment == nil else {
            throw .invalid(field: field, reason: "must not carry credentials or a fragment", hint: nil)
        }
        guard let port = UInt16(exactly: components.port ?? 80), port > 0 else {
            throw .invalid(field: field, reason: "has a port out of range", hint: nil)
        }
        self.text = text
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        self.target = path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }
}
