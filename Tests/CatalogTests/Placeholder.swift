// Replaced as the Catalog tests land.
