// Replaced as the Orchestrator target lands.
