// Replaced as the InstallModel tests land.
