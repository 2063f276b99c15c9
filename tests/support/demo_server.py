"""Run the Gradio demo for browser tests the way people run it: `closet ui` in its own process.

In-process would be fragile: once Scrapy's Twisted is imported (the scraper tests do, at
collection), zope.interface declares `__provides__` on `abc.ABC`, and Gradio's component
introspection (`dir()` + `getattr`) then raises AttributeError. A separate process is also what
`make demo` does.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from graph.db.server import free_port


@contextmanager
def run_demo(api_url: str, timeout: float = 120.0, offline: bool = False) -> Iterator[str]:
    """`closet ui` on a free 127.0.0.1 port talking to `api_url` (`--offline`: no product
    photo is loaded); yields the page URL."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "closet",
        "ui",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--api",
        api_url,
    ]
    proc = subprocess.Popen(
        [*command, "--offline"] if offline else command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                output = proc.stdout.read() if proc.stdout else ""
                raise RuntimeError(f"closet ui exited with {proc.returncode}:\n{output[-3000:]}")
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"closet ui did not answer on {url} within {timeout:.0f}s")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
