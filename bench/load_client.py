"""A closed-loop HTTP load generator, run as its own process by bench/serve_scale.py: C client
threads send a fixed mix of requests for S seconds and the latencies per endpoint come back as
JSON on stdout. Kept apart from the server so that the server's CPU is its own.

    python bench/load_client.py URL MIX.json --seconds 30 --concurrency 8
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import threading
import time
from collections import defaultdict

import httpx


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("mix", help="JSON file: [{name, method, path, body?}, ...]")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=0, help="stop after this many (0: time)")
    args = parser.parse_args()
    with open(args.mix, encoding="utf-8") as source:
        mix = json.load(source)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds

    def client(k: int) -> None:
        with httpx.Client(base_url=args.url, timeout=60) as http:
            n = k
            while time.monotonic() < deadline and not (args.requests and n >= args.requests):
                call = mix[n % len(mix)]
                n += args.concurrency
                began = time.perf_counter()
                try:
                    answer = http.request(call["method"], call["path"], json=call.get("body"))
                    ok = answer.status_code < 400
                except httpx.HTTPError:
                    ok = False
                took = (time.perf_counter() - began) * 1000
                with lock:
                    if ok:
                        latencies[call["name"]].append(took)
                    else:
                        errors[call["name"]] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    json.dump(
        {
            "seconds": time.monotonic() - started,
            "latencies_ms": latencies,
            "errors": errors,
            "cpu_seconds": sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
