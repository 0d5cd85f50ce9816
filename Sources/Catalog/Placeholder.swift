// Replaced as the Catalog target lands.
