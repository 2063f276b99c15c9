"""Helpers shared by the tests: hand-built graphs, and servers started for real on loopback."""
