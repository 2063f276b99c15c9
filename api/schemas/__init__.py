"""The HTTP contract: request and response models of the REST API (what the demo parses too)."""
