"""Which of many keywords can occur in a text, found without testing each one: keywords are
indexed by their first two characters, and a text offers only the pairs it contains."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence


class LiteralIndex:
    """The positions (in the given order) of the literals that may occur in a text; each is
    then still checked with `in` by the caller, so the answer is exact."""

    def __init__(self, literals: Sequence[str]) -> None:
        heads: dict[str, list[int]] = defaultdict(list)
        self.always: list[int] = []
        for n, literal in enumerate(literals):
            if literal:
                heads[literal[:2]].append(n)
            else:
                self.always.append(n)
        self.heads = dict(heads)

    def candidates(self, text: str) -> list[int]:
        """Ascending positions of the literals whose first characters occur in `text`."""
        found = set(self.always)
        heads = self.heads
        for i in range(len(text)):
            pair = heads.get(text[i : i + 2])
            if pair:
                found.update(pair)
            single = heads.get(text[i])
            if single:
                found.update(single)
        return sorted(found)
