// Replaced as the Simulator tests land.
