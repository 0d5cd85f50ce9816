// Replaced as the Diagnosis target lands.
