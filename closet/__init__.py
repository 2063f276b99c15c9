"""closet: a graph-native outfit recommender (CLI, configuration and the record model)."""

__version__ = "0.1.0"
