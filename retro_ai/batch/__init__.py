"""Many documents at once: discovery, running, storage, index and the cross-document summary."""
