import AtelierDomain

/// Delivers one signed OpenDSR status callback. Anything but a 2xx answer throws, so the
/// queue retries with its backoff until the job's attempts are spent.
public struct PrivacyCallbackJob: JobHandler {
    public var kind: String { PrivacyJobs.callbackKind }

    private let callbacks: StatusCallbacks
    private let client: OutboundHTTPClient

    public init(callbacks: StatusCallbacks, client: OutboundHTTPClient = OutboundHTTPClient()) {
        self.callbacks = callbacks
        self.client = client
    }

    public func run(_ job: Job) async throws -> String? {
        guard let tenantID = job.tenantID else {
            throw DomainError.invalid(field: "tenant_id", reason: "is missing", hint: nil)
        }
        let delivery = try await callbacks.delivery(tenantID: tenantID, payload: job.payload)
        let status = try await client.post(delivery.url, headers: delivery.headers, body: delivery.body)
        guard (200..<300).contains(status) else {
            throw OutboundHTTPError("the callback receiver answered \(status)")
        }
        return #"{"status":\#(status)}"#
    }
}
