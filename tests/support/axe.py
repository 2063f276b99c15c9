"""axe-core in the browser tests, through axe-selenium-python: the rules come from the npm
registry's axe-core (fetched and checked by `make test`, path in CLOSET_AXE_SCRIPT), not the
2018 copy bundled in the PyPI package."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

BLOCKING = ("serious", "critical")


def axe_script() -> Path:
    """The axe.min.js to inject: CLOSET_AXE_SCRIPT, else the newest one `make test` fetched."""
    given = os.environ.get("CLOSET_AXE_SCRIPT")
    if given:
        return Path(given)
    found = sorted(Path.home().glob(".cache/closet/axe-core-*/axe.min.js"))
    if not found:
        pytest.skip("axe-core is not fetched yet: `make test` downloads it from the npm registry")
    return found[-1]


def blocking_violations(browser: Any, context: str | None = None) -> list[dict[str, Any]]:
    """The serious and critical axe violations of the page as it is now (WCAG 2.x A and AA
    rules and axe's best practices), each with its nodes."""
    from axe_selenium_python import Axe

    axe = Axe(browser, script_url=str(axe_script()))
    axe.inject()
    options = json.dumps({"resultTypes": ["violations"]})
    results = axe.run(context=context, options=options)
    return [v for v in results["violations"] if v.get("impact") in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    """The violations as lines a person can act on: rule, impact, help, the first elements."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} elements:")
        for node in v["nodes"][:12]:
            checks = [c for group in ("any", "all", "none") for c in node.get(group, [])]
            why = "; ".join(c["message"] for c in checks if c.get("message"))[:300]
            lines.append(f"  {', '.join(node['target'])}: {why}")
    return "\n".join(lines)
