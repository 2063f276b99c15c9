"""Full-page screenshots of the demo from the browser tests, saved only when
CLOSET_SCREENSHOT_DIR is set (`CLOSET_SCREENSHOT_DIR=docs/screenshots make test` refreshes the
ones in docs/)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def save_page(browser: Any, name: str) -> Path | None:
    """The whole page as `<name>.png` in CLOSET_SCREENSHOT_DIR (None when it is not set)."""
    folder = os.environ.get("CLOSET_SCREENSHOT_DIR")
    if not folder:
        return None
    browser.execute_script("window.scrollTo(0, 0)")
    size = browser.get_window_size()
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(size["width"], min(int(height) + 40, 8000))
    path = Path(folder) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(path))
    browser.set_window_size(size["width"], size["height"])
    return path
