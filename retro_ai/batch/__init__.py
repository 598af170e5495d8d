"""Drafting many documents at once: discovery, a fault-isolating runner, SQLite and an index."""
