"""The real API app served by uvicorn on a free loopback port, in a background thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn

from api.app import create_app
from core.settings import Settings
from graph.db.server import free_port


@contextmanager
def serve_api(settings: Settings, timeout: float = 30.0) -> Iterator[str]:
    """Run create_app(settings) with uvicorn on 127.0.0.1; yield its base URL."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def client(base_url: str, timeout: float = 60.0) -> httpx.Client:
    """An httpx client for the served API."""
    return httpx.Client(base_url=base_url, timeout=timeout)
