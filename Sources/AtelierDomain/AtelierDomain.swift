// Module AtelierDomain: filled in by the foundation issue.
