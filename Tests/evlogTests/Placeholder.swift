// Replaced as the evlog tests land.
