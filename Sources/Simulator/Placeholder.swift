// Replaced as the Simulator target lands.
