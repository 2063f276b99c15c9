"""A checksum of the shared catalogue (outfits, catalog items, clusters, brands, tags and their
relationships, every property): equal before and after means nothing in it changed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from neo4j import Driver

from graph.db.connection import read


@dataclass(frozen=True)
class Catalogue:
    nodes: int
    relationships: int
    sha256: str


def catalogue(driver: Driver) -> Catalogue:
    """Counts and a sha256 over every catalogue node and relationship with its properties."""
    nodes = read(driver, "explore/catalogue_nodes")
    rels = read(driver, "explore/catalogue_relationships")
    rows = [json.dumps(r, sort_keys=True, default=str) for r in nodes]
    rows += [json.dumps(r, sort_keys=True, default=str) for r in rels]
    digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return Catalogue(len(nodes), len(rels), digest)
