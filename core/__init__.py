"""The bottom layer: settings, the domain vocabulary, the record model and errors.

Nothing here imports any other package of the project; every other package may import it.
"""

__version__ = "0.1.0"
