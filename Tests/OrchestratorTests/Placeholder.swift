// Replaced as the Orchestrator tests land.
