// Module AtelierPostgres: filled in by the foundation issue.
