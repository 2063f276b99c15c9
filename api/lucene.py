"""Turn free text into a safe Lucene query for the full-text index (no syntax injection)."""

from __future__ import annotations

import re

SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')
MAX_TERMS = 12
OPERATORS = {"AND", "OR", "NOT"}  # Lucene's word operators; lower-cased they are plain terms


def to_lucene(text: str) -> str | None:
    """Each word escaped and required; the last one also matched as a prefix. None if empty."""
    words = [w for w in re.split(r"\s+", text.strip()) if w][:MAX_TERMS]
    words = [w.lower() if w in OPERATORS else w for w in words]
    escaped = [SPECIAL.sub(r"\\\1", w) for w in words]
    escaped = [w for w in escaped if w.strip("\\")]
    if not escaped:
        return None
    terms = [f"+{w}" for w in escaped[:-1]]
    last = escaped[-1]
    terms.append(f"+({last} OR {last}*)" if last.isascii() and last.isalnum() else f"+{last}")
    return " ".join(terms)
