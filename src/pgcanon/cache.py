"""The check cache: a comparison's outcome, kept until anything that could change a build changes.

``pgcanon check`` runs on every commit, and most commits change neither the schema, the
migrations nor the models. Each check's outcome is stored under a key that covers every
input of its builds, so a stale answer cannot be served:

- the bytes of every project file a build may read: ``.sql``, ``.py``, ``.ini``, ``.mako``,
  ``.toml``, ``.cfg``, ``.json``, ``.yaml`` anywhere under the project root (``env.py`` may
  import any module of the project, the models any other), outside tool and VCS directories;
- pgcanon's own code and the versions of Alembic, SQLAlchemy, psycopg and pglast;
- the settings and options of the run, the roles, and the server: the scratch cluster's
  major version and binaries, or a given server's address and exact version.

Not covered, and so not cached: anything a build reads from outside the project (an ``env.py``
that reads environment variables or files elsewhere). ``--no-cache`` or ``PGCANON_NO_CACHE=1``
turn the cache off. Entries live in ``.pgcanon/check-cache/``; the newest :data:`KEEP` stay.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pgcanon.comparison import Comparison
    from pgcanon.config import Settings
    from pgcanon.diff import DiffOptions

#: Entries kept; older ones are removed when a new one is written.
KEEP = 64
SUFFIXES = frozenset({".sql", ".py", ".ini", ".mako", ".toml", ".cfg", ".json", ".yaml", ".yml"})
#: Directories no build reads from: tools', caches, virtualenvs, VCS.
SKIP_DIRS = frozenset({".git", ".hg", ".venv", "venv", ".tox", ".nox", ".pgcanon", "node_modules", "__pycache__",
                       ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist", ".eggs"})
_LIBRARIES = ("alembic", "sqlalchemy", "psycopg", "pglast")
_FORMAT = b"pgcanon-check-cache-1"


@dataclass(frozen=True)
class Worded:
    """A comparison's lines, computed when it was made: the models' wording is a closure, which cannot be kept."""

    lines: tuple[tuple[object, str], ...]

    def __call__(self, change: object) -> str:
        return dict(self.lines)[change]


def keepable(comparison: Comparison) -> Comparison:
    """*comparison* with its wording turned into data, so it can be stored."""
    if comparison.describe is None:
        return comparison
    return replace(comparison, describe=Worded(tuple((c, comparison.describe(c)) for c in comparison.changes)))


def disabled(environ: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    return environ.get("PGCANON_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


def _files(root: Path) -> list[Path]:
    found = []
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info"))
        found += [Path(here) / f for f in sorted(files) if Path(f).suffix in SUFFIXES]
    return found


def _package_files() -> list[Path]:
    package = Path(__file__).resolve().parent
    return sorted(p for p in package.rglob("*") if p.suffix in (".py", ".sql") and "__pycache__" not in p.parts)


def _versions() -> str:
    out = []
    for name in _LIBRARIES:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=-")
    return ";".join(out)


def _server_identity(settings: Settings) -> str | None:
    """What the scratch databases would be built on, without starting anything; None: not known yet (no cache)."""
    if settings.database_url is not None:
        import psycopg

        from pgcanon.server import ExternalServer

        external = ExternalServer(settings.database_url)
        try:
            with psycopg.connect(external.conninfo(), connect_timeout=5) as conn:
                return f"{external.describe()} {conn.info.server_version}"
        except psycopg.Error:
            return None  # the build will say why; nothing to key on
    from pgcanon.binaries import ENV_CHOICE, PINNED, data_dir_major
    from pgcanon.server import scratch_dir

    directory = scratch_dir(settings.data_dir, settings.server_version)
    major = data_dir_major(directory)
    if major is None:
        return None
    return f"{directory} {major} {PINNED.get(major, ('?',))[0]} {os.environ.get(ENV_CHOICE, '')}"


@dataclass(frozen=True)
class CheckCache:
    """Stored comparisons of one project, under the key of this run's inputs."""

    directory: Path
    base: str

    @classmethod
    def open(cls, settings: Settings, options: DiffOptions, roles: tuple[str, ...]) -> CheckCache | None:
        """The cache for this run, or None when it is off or the server is not known yet."""
        if disabled():
            return None
        server = _server_identity(settings)
        if server is None:
            return None
        digest = hashlib.sha256(_FORMAT)
        fields = (repr(replace(settings, database_url=None)), repr(options), repr(sorted(roles)), server, _versions())
        for text in fields:
            digest.update(text.encode() + b"\0")
        for path in (*_package_files(), *_files(settings.root)):
            digest.update(str(path).encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"\1unreadable")
            digest.update(b"\0")
        return cls(settings.root / ".pgcanon" / "check-cache", digest.hexdigest())

    def _path(self, entry: str) -> Path:
        return self.directory / (hashlib.sha256(f"{self.base}\0{entry}".encode()).hexdigest()[:40] + ".pickle")

    def get(self, entry: str) -> Comparison | None:
        try:
            data = self._path(entry).read_bytes()
        except OSError:
            return None
        if not data.startswith(_FORMAT):
            return None
        try:
            # Only our own file, under the project's .pgcanon/, is ever unpickled.
            value = pickle.loads(data[len(_FORMAT):])
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, then rewritten
            return None
        from pgcanon.comparison import Comparison

        return value if isinstance(value, Comparison) else None

    def put(self, entry: str, comparison: Comparison) -> None:
        """Store *comparison*; a cache that cannot be written is no cache, never an error."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            data = _FORMAT + pickle.dumps(keepable(comparison), protocol=pickle.HIGHEST_PROTOCOL)
            # Written aside, then renamed: two checks at once never read half an entry.
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self._path(entry))
            self._prune()
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass

    def _prune(self) -> None:
        entries = sorted(self.directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
