// Module AtelierWorker: filled in by the foundation issue.
