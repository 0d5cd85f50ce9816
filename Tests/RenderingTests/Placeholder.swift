// Replaced as the Rendering tests land.
