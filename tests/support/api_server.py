"""The real API app served by uvicorn on a free loopback port: in a background thread
(`serve_api`), or as `closet serve` in its own process (`closet_serve`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import uvicorn
from neo4j import Driver

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


@dataclass
class ServedProcess:
    """`closet serve` running in its own process: the process, its base URL, and (after it
    stopped) what it wrote to stderr."""

    process: subprocess.Popen
    url: str
    stderr: str = ""


@contextmanager
def closet_serve(
    settings: Settings, *options: str, timeout: float = 60.0
) -> Iterator[ServedProcess]:
    """Run `closet serve` (with `options`) on a free port against `settings`' Neo4j, as people
    run it; yield once /health answers; stop it (SIGTERM) at the end."""
    command = shutil.which("closet")
    if command is None:
        raise RuntimeError("the closet console script is not installed")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(NEO4J_URI=settings.neo4j_uri, NEO4J_PASSWORD=settings.neo4j_password)
    process = subprocess.Popen(
        [command, "serve", "--port", str(port), *options],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    served = ServedProcess(process, f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{served.url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"closet serve {' '.join(options)} did not answer")
            time.sleep(0.1)
        yield served
    finally:
        process.terminate()
        try:
            _, served.stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _, served.stderr = process.communicate()


@contextmanager
def sample_api(driver: Driver, settings: Settings) -> Iterator[httpx.Client]:
    """The bundled sample loaded into a wiped graph (so its labels are refreshed), and a client
    of the API served over it."""
    from closet.sample.generate import SAMPLE_PATH
    from graph.ingest.loader import load_files
    from tests.support.neo4j import wipe

    wipe(driver)
    load_files(driver, [SAMPLE_PATH], progress=False)
    with serve_api(settings) as url, client(url) as http:
        yield http
