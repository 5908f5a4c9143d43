// Module AtelierREST: filled in by the foundation issue.
