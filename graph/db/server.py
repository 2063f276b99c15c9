"""Provision and run a local Neo4j Community server, with no Docker.

The jars come from Maven Central (`mvn dependency:copy-dependencies` over `graph/db/pom.xml`) into a
cache outside the repository; the server runs from a state dir of its own (data, logs, run,
conf), on loopback only, with auth on and a password generated on first start (or taken from
NEO4J_PASSWORD).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

import cypher
from core.settings import (
    DEFAULT_BOLT_PORT,
    DEFAULT_HTTP_PORT,
    cache_dir,
    state_dir,
)

NEO4J_VERSION = "5.26.19"
APOC_VERSION = NEO4J_VERSION
POM = Path(__file__).with_name("pom.xml")

# The JVM flags of Neo4j's own launcher (conf/neo4j.conf server.jvm.additional, 5.26).
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
]


class ServerError(RuntimeError):
    """Provisioning or starting the local server failed; the message says why."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    """True when something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def neo4j_home(version: str = NEO4J_VERSION) -> Path:
    """The cached Neo4j installation (jars in lib/, APOC in plugins/) for a version."""
    return cache_dir() / f"neo4j-{version}"


@dataclass
class LocalServer:
    """A Neo4j Community server run from `state_dir` on loopback ports."""

    state_dir: Path
    bolt_port: int = DEFAULT_BOLT_PORT
    http_port: int = DEFAULT_HTTP_PORT
    version: str = NEO4J_VERSION
    heap: str = "1g"
    pagecache: str = "512m"
    ephemeral: bool = False  # True: the server dies with the process that started it (tests)

    @classmethod
    def from_env(cls) -> LocalServer:
        """The default local server: CLOSET_STATE_DIR, NEO4J_BOLT_PORT, NEO4J_HTTP_PORT."""
        bolt = int(os.environ.get("NEO4J_BOLT_PORT", DEFAULT_BOLT_PORT))
        http = int(os.environ.get("NEO4J_HTTP_PORT", DEFAULT_HTTP_PORT))
        return cls(
            state_dir(),
            bolt,
            http,
            heap=os.environ.get("CLOSET_NEO4J_HEAP", "1g"),
            pagecache=os.environ.get("CLOSET_NEO4J_PAGECACHE", "512m"),
        )

    # ----------------------------------------------------------------- paths
    @property
    def home(self) -> Path:
        return neo4j_home(self.version)

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def pid_file(self) -> Path:
        return self.state_dir / "run" / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.state_dir / "logs" / "console.log"

    @property
    def password_file(self) -> Path:
        return self.state_dir / "password"

    # ---------------------------------------------------------- provisioning
    def provision(self) -> Path:
        """Fetch the Neo4j jars (and APOC when it resolves) once; return the install dir."""
        marker = self.home / ".complete"
        if marker.exists():
            return self.home
        if shutil.which("mvn") is None:
            raise ServerError("Maven (mvn) is needed to provision Neo4j: apt-get install maven")
        if shutil.which("java") is None:
            raise ServerError(
                "Java 17+ is needed to run Neo4j 5.26: apt-get install openjdk-17-jre"
            )
        tmp = self.home.with_name(self.home.name + ".partial")
        shutil.rmtree(tmp, ignore_errors=True)
        (tmp / "plugins").mkdir(parents=True)
        _mvn(
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={tmp / 'lib'}",
            f"-Dneo4j.version={self.version}",
        )
        try:  # APOC core (with apoc-common, which it needs) is optional: nothing depends on it.
            for artifact in ("apoc-core", "apoc-common"):
                _mvn(
                    "dependency:copy",
                    f"-Dartifact=org.neo4j.procedure:{artifact}:{APOC_VERSION}:jar",
                    f"-DoutputDirectory={tmp / 'plugins'}",
                )
        except ServerError:
            for jar in (tmp / "plugins").glob("apoc-*.jar"):
                jar.unlink()
            (tmp / "plugins" / "APOC-NOT-AVAILABLE").write_text(
                f"apoc-core {APOC_VERSION} did not resolve from Maven Central\n"
            )
        shutil.rmtree(self.home, ignore_errors=True)
        tmp.rename(self.home)
        (self.home / ".complete").write_text(self.version + "\n")
        return self.home

    # ------------------------------------------------------------- lifecycle
    def read_password(self) -> str | None:
        """The password of this server: NEO4J_PASSWORD, else the generated one, else None."""
        env = os.environ.get("NEO4J_PASSWORD")
        if env:
            return env
        if self.password_file.exists():
            return self.password_file.read_text(encoding="utf-8").strip()
        return None

    def pid(self) -> int | None:
        """The pid of the running server, or None (stale pid files are removed; a server that
        died as our child, e.g. killed, is reaped rather than taken for alive)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            alive = _alive(pid)
        except PermissionError:
            return pid
        if not alive:
            self.pid_file.unlink(missing_ok=True)
            return None
        return pid

    def is_running(self) -> bool:
        """True when our server process lives and Bolt answers."""
        return self.pid() is not None and port_open(self.bolt_port)

    def start(self, timeout: float = 180.0) -> None:
        """Provision if needed, write the config, start in the background, wait for Bolt."""
        if self.pid() is not None:
            self._wait_ready(timeout)
            return
        for port in (self.bolt_port, self.http_port):
            if port_open(port):
                raise ServerError(
                    f"port {port} on 127.0.0.1 is already taken by another process; "
                    "stop it or choose other ports (NEO4J_BOLT_PORT / NEO4J_HTTP_PORT)"
                )
        self.provision()
        first_start = not (self.state_dir / "data" / "databases").exists()
        password = self.read_password() or secrets.token_urlsafe(18)
        self._write_config()
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self.pid_file.parent.mkdir(parents=True, exist_ok=True)
        cmd = [
            shutil.which("java") or "java",
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *JVM_FLAGS,
            "-cp",
            os.pathsep.join(
                str(p / "*") for p in (self.home / "plugins", self.conf_dir, self.home / "lib")
            ),
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.home}",
            f"--config-dir={self.conf_dir}",
            "--console-mode",
        ]
        log_offset = self.log_file.stat().st_size if self.log_file.exists() else 0
        with open(self.log_file, "ab") as log:
            proc = subprocess.Popen(
                cmd,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                cwd=self.state_dir,
                preexec_fn=_die_with_parent if self.ephemeral else None,
            )
        self.pid_file.write_text(f"{proc.pid}\n")
        try:
            self._wait_ready(timeout, proc, log_offset)
            if first_start or not self.password_file.exists():
                self._set_initial_password(password)
        except ServerError:
            self.stop()
            raise

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server cleanly (SIGTERM, then SIGKILL after `timeout`); False if none ran."""
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _alive(pid):
                break
            time.sleep(0.2)
        else:
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> dict[str, object]:
        """What runs where: pid, URLs, state dir, installation, password file."""
        return {
            "running": self.is_running(),
            "pid": self.pid(),
            "version": self.version,
            "bolt": self.bolt_uri,
            "browser": f"{self.http_url}/browser/",
            "state_dir": str(self.state_dir),
            "install": str(self.home),
            "provisioned": (self.home / ".complete").exists(),
            "user": "neo4j",
            "password_file": str(self.password_file),
            "log": str(self.log_file),
        }

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the server's console log."""
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    # -------------------------------------------------------------- internals
    @property
    def conf_dir(self) -> Path:
        return self.state_dir / "conf"

    def _write_config(self) -> None:
        for sub in ("conf", "data", "logs", "run", "import"):
            (self.state_dir / sub).mkdir(parents=True, exist_ok=True)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.bolt_port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.bolt_port}",
            "server.http.listen_address": f"127.0.0.1:{self.http_port}",
            "server.http.advertised_address": f"127.0.0.1:{self.http_port}",
            "server.https.enabled": "false",
            "server.bolt.tls_level": "DISABLED",
            "server.directories.data": str(self.state_dir / "data"),
            "server.directories.logs": str(self.state_dir / "logs"),
            "server.directories.run": str(self.state_dir / "run"),
            "server.directories.import": str(self.state_dir / "import"),
            "server.directories.plugins": str(self.home / "plugins"),
            "server.memory.pagecache.size": self.pagecache,
            "server.memory.heap.initial_size": self.heap,
            "server.memory.heap.max_size": self.heap,
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            "dbms.security.procedures.unrestricted": "apoc.*",
            "db.tx_log.rotation.retention_policy": "2 files",
        }
        text = "# Written by `closet db start`; edit graph/db/server.py instead.\n" + "".join(
            f"{key}={value}\n" for key, value in settings.items()
        )
        (self.conf_dir / "neo4j.conf").write_text(text, encoding="utf-8")

    def _wait_ready(
        self, timeout: float, proc: subprocess.Popen | None = None, log_offset: int = 0
    ) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise ServerError(
                    f"Neo4j exited with code {proc.returncode} while starting; "
                    f"last lines of {self.log_file}:\n{self.log_tail()}"
                )
            if port_open(self.bolt_port) and (proc is None or self._started_since(log_offset)):
                return
            time.sleep(0.5)
        raise ServerError(
            f"Neo4j did not answer on Bolt port {self.bolt_port} within {timeout:.0f}s; "
            f"last lines of {self.log_file}:\n{self.log_tail()}"
        )

    def _started_since(self, offset: int) -> bool:
        try:
            with open(self.log_file, "rb") as log:
                log.seek(offset)
                return b"INFO  Started." in log.read()
        except OSError:
            return False

    def _set_initial_password(self, password: str) -> None:
        """Replace the default password 'neo4j' (expired on a new server) with ours."""
        try:
            with GraphDatabase.driver(self.bolt_uri, auth=("neo4j", "neo4j")) as driver:
                driver.execute_query(
                    cypher.load("db/set_initial_password"),
                    old="neo4j",
                    new=password,
                    database_="system",
                )
        except AuthError:
            # Already changed (state dir kept from an earlier run): keep what is stored.
            if not self.password_file.exists() and not os.environ.get("NEO4J_PASSWORD"):
                raise ServerError(
                    "the server's password was changed outside closet and is not known; "
                    "set NEO4J_PASSWORD, or remove the state dir "
                    f"{self.state_dir} to start afresh"
                ) from None
            return
        if not os.environ.get("NEO4J_PASSWORD"):
            self.password_file.write_text(password + "\n", encoding="utf-8")
            self.password_file.chmod(0o600)


def _die_with_parent() -> None:
    """In the child: ask Linux to SIGTERM it when its parent dies (PR_SET_PDEATHSIG)."""
    import ctypes

    with contextlib.suppress(OSError):  # not Linux: the caller's stop() is the only guard
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _mvn(*args: str) -> None:
    proc = subprocess.run(
        ["mvn", "-q", "-B", "-f", str(POM), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-20:])
        raise ServerError(f"mvn {args[0]} failed (exit {proc.returncode}):\n{tail}")
