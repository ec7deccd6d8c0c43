"""Settings read once from ``[tool.pgcanon]`` in ``pyproject.toml`` and the environment.

Another project adopts pgcanon by adding that section; every path in it is
relative to the directory holding ``pyproject.toml``.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pgcanon.errors import ConfigError

if TYPE_CHECKING:
    from pgcanon.diff import DiffOptions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: Relaxations a project may set under [tool.pgcanon] (``-`` or ``_`` alike), as the CLI flags of the same names.
RELAXATIONS = ("ignore_column_order", "ignore_comments", "ignore_privileges", "ignore_extension_versions",
               "ignore_owners")

#: libpq variables that, when set, point pgcanon at an existing server.
LIBPQ_TARGET_VARS = ("PGHOST", "PGPORT", "PGHOSTADDR", "PGSERVICE")


@dataclass(frozen=True)
class Settings:
    """Everything a command needs to know about the project and where its server is."""

    root: Path
    #: The canonical DDL; None when the project has none (yet): checks then compare migrations and models.
    schema: Path | None
    alembic_ini: Path
    orm: str
    dev_database: str = "pgcanon_dev"
    roles: tuple[str, ...] = ()
    #: The comparisons ``pgcanon check`` runs: ``"A = B"`` pairs that must be equal, or ``"autogenerate"``.
    checks: tuple[str, ...] = ("schema = migrations@head",)
    #: A table of the DDL that no model maps: a difference (``"error"``) or a note (``"note"``).
    orm_unmapped_tables: str = "error"
    #: The server to use instead of the embedded one (``DATABASE_URL`` or libpq env); None = embedded.
    database_url: str | None = field(default=None, repr=False)
    connect_timeout: float = 30.0
    #: Relaxations set in pyproject.toml (``ignore_column_order = true``…), applied to every comparison.
    relaxations: frozenset[str] = frozenset()
    #: Extensions every comparison leaves out (``ignore_extensions = ["pgcrypto"]``).
    ignore_extensions: tuple[str, ...] = ()
    #: The PostgreSQL major every scratch database is built on (``server_version = 16``); None: the dev
    #: cluster's. Catalog text differs between majors, so a project compares on the one it deploys.
    server_version: int | None = None

    def diff_options(self, given: DiffOptions) -> DiffOptions:
        """*given* (from the command line) with the project's own relaxations added: either one relaxes."""
        relaxed: dict[str, Any] = dict.fromkeys(self.relaxations, True)
        return replace(given, **relaxed,
                       ignore_extensions=given.ignore_extensions | frozenset(self.ignore_extensions))

    def need_schema(self, what: str) -> Path:
        """The canonical DDL, or an error naming *what* needed it."""
        if self.schema is None:
            raise ConfigError(
                f"{what} needs the canonical DDL, and pyproject.toml [tool.pgcanon] sets no schema "
                f"(and {self.root / 'schema'} does not exist)\n"
                '  add schema = "schema/create_schema.sql", or write it with pgcanon diff empty migrations --format sql'
            )
        return self.schema

    @property
    def data_dir(self) -> Path:
        """Where the embedded dev server keeps its cluster (git-ignored)."""
        return self.root / ".pgcanon" / "data"


def find_root(start: Path | None = None) -> Path:
    """Return the nearest directory at or above *start* whose pyproject.toml has [tool.pgcanon]."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "[tool.pgcanon]" in pyproject.read_text(encoding="utf-8"):
            return candidate
    raise ConfigError(
        f"no pyproject.toml with a [tool.pgcanon] section at or above {here}\n"
        "  run pgcanon from the project, or add the section (see README)"
    )


def parse_toml(raw: bytes, where: str, remedy: str = "fix it") -> dict[str, Any]:
    """The TOML document *raw* (a file's bytes) as a dict.

    :raises ConfigError: naming *where* when it is not UTF-8 or not TOML, with *remedy*.
    """
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{where}: not valid TOML ({exc}); {remedy}") from None


def read_section(root: Path, *table: str) -> dict[str, Any]:
    """``[tool.pgcanon]`` of *root*'s pyproject.toml, or its sub-table ``[tool.pgcanon.<table>]``.

    The one reader of pgcanon's settings (the commands, ``review``, ``drift``); a table that is
    absent is empty, so every setting in it takes its default.

    :raises ConfigError: when the file is not TOML, or the name is given a value that is not a table.
    """
    path = root / "pyproject.toml"
    section: object = parse_toml(path.read_bytes(), str(path))
    for depth, name in enumerate(("tool", "pgcanon", *table)):
        assert isinstance(section, dict)
        section = section.get(name, {})
        if not isinstance(section, dict):
            dotted = ".".join(("tool", "pgcanon", *table)[: depth + 1])
            raise ConfigError(f"pyproject.toml [{dotted}]: expected a table")
    assert isinstance(section, dict)
    return section


def load_settings(start: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Read ``[tool.pgcanon]`` and the environment into :class:`Settings`."""
    env = os.environ if environ is None else environ
    root = find_root(start)
    section = read_section(root)
    roles = section.get("roles", [])
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise ConfigError("pyproject.toml [tool.pgcanon] roles: expected a list of role names")
    if "schema" in section:
        schema: Path | None = root / section["schema"]
    else:
        schema = root / "schema" if (root / "schema").exists() else None
    if schema is not None:
        default_checks = ["schema = migrations@head"] + (["schema = orm", "autogenerate"] if section.get("orm") else [])
    else:  # migrations and models only: they must agree with each other
        default_checks = ["migrations@head = orm", "autogenerate"] if section.get("orm") else []
    checks = section.get("checks", default_checks)
    if not isinstance(checks, list) or not all(
        isinstance(c, str) and (c.count("=") == 1 or c.strip() == "autogenerate") for c in checks
    ):
        raise ConfigError(
            'pyproject.toml [tool.pgcanon] checks: expected a list like ["schema = migrations@head", "autogenerate"]'
        )
    unmapped = section.get("orm_unmapped_tables", "error")
    if unmapped not in ("error", "note"):
        raise ConfigError('pyproject.toml [tool.pgcanon] orm_unmapped_tables: expected "error" or "note"')
    relaxations = set()
    for name in RELAXATIONS:
        for key in (name, name.replace("_", "-")):
            if key in section:
                if not isinstance(section[key], bool):
                    raise ConfigError(f"pyproject.toml [tool.pgcanon] {key}: expected true or false")
                if section[key]:
                    relaxations.add(name)
    ignore_ext = section.get("ignore_extensions", section.get("ignore-extensions", []))
    if not isinstance(ignore_ext, list) or not all(isinstance(e, str) for e in ignore_ext):
        raise ConfigError('pyproject.toml [tool.pgcanon] ignore_extensions: expected a list like ["pgcrypto"]')
    return Settings(
        server_version=_server_version(env.get("PGCANON_SERVER_VERSION", "").strip() or section.get("server_version")),
        relaxations=frozenset(relaxations),
        ignore_extensions=tuple(ignore_ext),
        checks=tuple(" ".join(c.split()) for c in checks),
        orm_unmapped_tables=unmapped,
        root=root,
        schema=schema,
        alembic_ini=root / section.get("migrations", "alembic.ini"),
        orm=section.get("orm", ""),
        dev_database=section.get("dev_database", "pgcanon_dev"),
        roles=tuple(roles),
        database_url=external_url(env),
        connect_timeout=float(env.get("PGCANON_CONNECT_TIMEOUT", section.get("connect_timeout", 30))),
    )


#: The majors pgcanon can run an embedded server of (the npm builds of binaries.PINNED).
SERVER_VERSIONS = (14, 15, 16, 17, 18)


def _server_version(value: object) -> int | None:
    if value is None:
        return None
    try:
        major = int(str(value)) if not isinstance(value, bool) else -1
    except ValueError:
        major = -1
    if major not in SERVER_VERSIONS:
        raise ConfigError(
            f"server_version (pyproject.toml [tool.pgcanon] or PGCANON_SERVER_VERSION): {value!r} is not a "
            f"PostgreSQL major pgcanon runs; expected one of {', '.join(map(str, SERVER_VERSIONS))}"
        )
    return major


def external_url(env: dict[str, str] | os._Environ[str]) -> str | None:
    """The external server's conninfo: ``PGCANON_DATABASE_URL``, ``DATABASE_URL``, else ``""`` when libpq
    variables are set. pgcanon's own variable comes first, so its server can differ from the application's."""
    url = (env.get("PGCANON_DATABASE_URL", "").strip() or env.get("DATABASE_URL", "").strip())
    if url:
        return url
    if any(env.get(var) for var in LIBPQ_TARGET_VARS):
        return ""  # an empty conninfo makes libpq read PGHOST, PGPORT, PGUSER… itself
    return None


# Up to the last "@" before any space, "?" or "#": a password typed with a raw "/" or "@" (which libpq
# would misparse) is still hidden whole; hiding a little too much is the safe way to be wrong.
_PASSWORD_IN_URL = re.compile(r"(?P<head>://[^:/@?#\s]*:)(?P<pw>[^\s?#]*)(?P<tail>@)")
_PASSWORD_IN_PARAMS = re.compile(r"(?P<key>\bpassword\s*=\s*)(?P<pw>'(?:[^'\\]|\\.)*'|[^\s&]*)", re.IGNORECASE)


def redact(text: str) -> str:
    """Replace every password in *text* (URL userinfo, ``password=`` parameter) by ``***``."""
    text = _PASSWORD_IN_URL.sub(lambda m: f"{m['head']}***{m['tail']}" if m["pw"] else m[0], text)
    return _PASSWORD_IN_PARAMS.sub(lambda m: f"{m['key']}***", text)
