// Replaced as the Diagnosis tests land.
