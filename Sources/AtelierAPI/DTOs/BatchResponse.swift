import AtelierDomain
import AtelierREST

/// Answer to `POST /v1/batch`: Segment's `success` plus what happened to each call; bad
/// calls are listed by position and the good ones are stored regardless.
struct BatchResponse: Encodable {
    var success = true
    var accepted: Int
    var duplicates: Int
    var errors: [Problem.Issue]
}
