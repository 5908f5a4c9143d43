import AtelierDomain
import AtelierREST
import Foundation

/// `/v1/jobs`: the tenant's background jobs (training runs, privacy requests) and their outcome.
struct JobRoutes {
    let jobs: JobQueue

    func register(on router: some RouteBuilder) {
        router.get("/jobs") { [jobs] request in
            let principal = try request.principal(requiring: .modelsManage)
            let status = try request.query("status").map { text throws in
                guard let status = Job.Status(rawValue: text) else {
                    throw Problem.badRequest(
                        "The query parameter 'status' must be one of queued, running, succeeded, dead, cancelled.")
                }
                return status
            }
            let limit = try request.query("limit").map { text throws in
                guard let limit = Int(text), (1...500).contains(limit) else {
                    throw Problem.badRequest("The query parameter 'limit' must be an integer from 1 to 500.")
                }
                return limit
            } ?? 50
            let found = try await jobs.list(tenantID: principal.tenantID, status: status, limit: limit)
            return try .json(ListResponse(data: found.map(JobResponse.init)))
        }
        router.get("/jobs/{jobId}") { [jobs] request in
            let principal = try request.principal(requiring: .modelsManage)
            let jobID = try request.parameter("jobId", as: UUID.self)
            return try .json(JobResponse(job: try await jobs.find(tenantID: principal.tenantID, jobID: jobID)))
        }
    }
}
