// Replaced as the EventLog tests land.
