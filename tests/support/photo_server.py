"""A loopback product-photo site for the browser tests: serves a generated JPEG for every
`/goods/<item id>.jpg` (a garment of the item's kind and colour, drawn by `enrich.synthetic`),
each after
an optional delay and never cached, and records the paths it was asked for. `catalog_with_photos`
writes the bundled sample with every item's `image_url` pointing at it."""

from __future__ import annotations

import io
import json
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np

from closet.sample.generate import SAMPLE_PATH
from core.vocabulary import COLOR_FAMILIES
from enrich.colors import color_from_name
from enrich.synthetic import render
from graph.db.server import free_port

PHOTO_SIZE = 256  # px: what enrich.synthetic draws (placeholders in a tile are 144)
KIND_OF_CATEGORY = {
    "상의": "top",
    "하의": "trousers",
    "아우터": "outer",
    "신발": "shoes",
    "가방": "bag",
    "모자": "bag",
}


@dataclass
class PhotoServer:
    """The running site: its base URL, the paths served so far, and `stop()`."""

    url: str
    server: ThreadingHTTPServer
    served: list[str] = field(default_factory=list)
    stopped: bool = False

    def photo_url(self, item_id: str) -> str:
        return f"{self.url}/goods/{item_id}.jpg"

    def stop(self) -> None:
        """Stop answering: from now on every photo request is refused."""
        if self.stopped:
            return
        self.stopped = True
        self.server.shutdown()
        self.server.server_close()


def _photo(item_id: str, kind: str, family: str) -> bytes:
    seed = zlib.crc32(item_id.encode())
    image = render(kind, family, "white", np.random.default_rng(seed))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


@contextmanager
def serve_photos(kinds: dict[str, tuple[str, str]], delay: float = 0.0) -> Iterator[PhotoServer]:
    """Serve the photos of `kinds` (item id → synthetic kind and colour family) on a free
    127.0.0.1 port."""
    cache: dict[str, bytes] = {}
    lock = threading.Lock()
    served: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                served.append(self.path)
            item_id = self.path.removeprefix("/goods/").removesuffix(".jpg")
            if not self.path.startswith("/goods/") or item_id not in kinds:
                self.send_error(404)
                return
            with lock:
                if item_id not in cache:
                    cache[item_id] = _photo(item_id, *kinds[item_id])
                body = cache[item_id]
            time.sleep(delay)
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="photo-site", daemon=True)
    thread.start()
    site = PhotoServer(f"http://127.0.0.1:{server.server_address[1]}", server, served)
    try:
        yield site
    finally:
        site.stop()


def sample_kinds() -> dict[str, tuple[str, str]]:
    """Every sample item's id → the synthetic kind of its big category and the colour its
    name says (grey when it says none)."""
    outfits = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
    kinds = {}
    for outfit in outfits:
        for item in outfit["items"]:
            family = color_from_name(item["name"])
            kinds[item["item_id"]] = (
                KIND_OF_CATEGORY.get(item["category"], "top"),
                family if family in COLOR_FAMILIES else "grey",
            )
    return kinds


def catalog_with_photos(site: PhotoServer, folder: Path) -> Path:
    """The bundled sample with each item's image_url on `site` (written under `folder`)."""
    outfits = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
    for outfit in outfits:
        for item in outfit["items"]:
            item["image_url"] = site.photo_url(item["item_id"])
    path = folder / "outfits-with-photos.json"
    path.write_text(json.dumps(outfits, ensure_ascii=False), encoding="utf-8")
    return path
