// Module AtelierAPI: filled in by the foundation issue.
