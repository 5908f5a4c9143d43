import Testing

/// The suites that load a synthetic clientele and train on it, one test at a time: each loads
/// hundreds of orders through the server, and several at once starve the shared machine's
/// database of connections for the rest of the suite.
@Suite(.serialized)
enum ScoreTrainingSuites {}
