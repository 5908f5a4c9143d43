// Test support: throw-away databases for tests.
