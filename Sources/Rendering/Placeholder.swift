// Replaced as the Rendering target lands.
