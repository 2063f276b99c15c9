"""The errors a person can cause or meet, each mapped once to an exit code or HTTP status
(by `closet.cli` and `api.deps`)."""

from __future__ import annotations


class DatabaseUnavailable(RuntimeError):
    """Neo4j cannot be reached (or refuses our credentials); the message says which."""


class InputError(ValueError):
    """An input file cannot be read at all (not JSON, wrong shape); nothing was written."""


class ItemNotFound(LookupError):
    """No item with that id in the graph."""


class PersonNotFound(LookupError):
    """No closet with that id."""


class NotOwner(PermissionError):
    """The token given is not this closet's."""


class ClosetInputError(ValueError):
    """Input that cannot be stored (unknown item, bad description, closet full)."""


class ClosetConflict(ClosetInputError):
    """Input that does not fit the closet as it is now (a piece not in it, a full closet, two
    pieces of one category in a look): valid in shape, refused in this state."""


class UnknownLabel(ValueError):
    """A style, season or gender the graph's outfits never carry; `known` lists those they do."""

    def __init__(self, kind: str, value: str, known: list[str]) -> None:
        shown = ", ".join(known) if known else "none yet"
        super().__init__(f"unknown {kind} {value!r}: known {kind}s are {shown}")
        self.kind, self.value, self.known = kind, value, known
