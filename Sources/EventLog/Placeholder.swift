// Replaced as the EventLog target lands.
