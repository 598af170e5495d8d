"""Many documents at once: discovery, a fault-isolating runner, SQLite, the index and the
cross-document summary of what recurs."""
