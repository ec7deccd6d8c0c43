"""The databases a drift run checks: given, listed, or discovered; and a deterministic share of them.

Targets come from ``[tool.pgcanon.drift] targets`` (``${VAR}`` expanded, so passwords stay
in the environment), a ``--targets`` file (one URL a line, ``#`` comments, expanded the same
way), ``--target URL``, or discovery on a server: every database whose name is ``LIKE`` a
pattern, or every schema of one database ``LIKE`` a pattern (the schema-per-tenant layout,
each schema compared with the canonical ``public``). A target given twice (the same URL, or
one that differs only in its password) is checked once.

A variable in a URL's user, password, database or query is inserted percent-encoded, so the
environment holds the password as it is (``@``, ``/`` or ``:`` in it included) and libpq
decodes it back; a variable in the host part, or one that is the whole URL, is inserted as is.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from pgcanon.config import redact
from pgcanon.errors import ConfigError, ServerError
from pgcanon.scratch import PREFIX as SCRATCH_PREFIX
from pgcanon.server import ExternalServer

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from pgcanon.drift.read import Limits

_VAR = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class Target:
    """One database to check, or one schema of it (``schema``), given by URL or conninfo."""

    url: str = field(repr=False)
    schema: str | None = None

    @property
    def label(self) -> str:
        """The target as printed: the URL with its password replaced by ``***``."""
        base = redact(self.url)
        return f"{base} schema {self.schema}" if self.schema is not None else base

    @property
    def name(self) -> str:
        """A short name for lists: the database name (``database.schema`` in schema mode)."""
        try:
            db = str(conninfo_to_dict(ExternalServer(self.url).conninfo()).get("dbname") or "")
        except (ConfigError, psycopg.Error):
            db = ""
        db = db or self.label
        return f"{db}.{self.schema}" if self.schema is not None else db


#: A URL's scheme and authority (``user:password@host:port``), as written, variables unexpanded.
_AUTHORITY = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://(?P<authority>[^/?#]*)")


def _encoded_from(text: str) -> tuple[tuple[int, int], int] | None:
    """Where in *text* (a URL) a variable's value must be percent-encoded: the user info, and all after the host.

    As spans: user info is ``[start, at)``, the rest is ``[path, ∞)``; None when *text* is not a URL.
    """
    m = _AUTHORITY.match(text)
    if m is None:
        return None
    start, end = m.span("authority")
    # Variables cannot hold '@' in the text as written, so the last one ends the user info.
    at = m["authority"].rfind("@")
    return (start, start + at if at >= 0 else start), end


def expand(text: str, environ: Mapping[str, str], *, where: str) -> str:
    """*text* with every ``${VAR}`` replaced from *environ*; a variable that is not set is an error.

    The error names the variable and *where* it was used, never the text around it (a password
    may sit next to it). Values are percent-encoded where the module docstring says.
    """
    spans = _encoded_from(text)

    def value(m: re.Match[str]) -> str:
        name = m["name"]
        if name not in environ:
            raise ConfigError(f"{where}: ${{{name}}} is not set in the environment\n  export {name}=…, or remove it")
        if spans is not None:
            (user_start, user_end), rest = spans
            if user_start <= m.start() < user_end or m.start() >= rest:
                # libpq percent-decodes every part of a URL; a raw '@' or '/' in a password would
                # split the URL elsewhere, and the password's tail would be printed as a host name.
                return quote(environ[name], safe="")
        return environ[name]

    return _VAR.sub(value, text)


def parse(url: str, *, where: str) -> Target:
    """A target from a URL, checked now: a typo fails before any database is read."""
    try:
        ExternalServer(url)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return Target(url)


def from_config(section: Mapping[str, object], environ: Mapping[str, str]) -> list[Target]:
    """``[tool.pgcanon.drift] targets = [...]``."""
    urls = section.get("targets", [])
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise ConfigError("pyproject.toml [tool.pgcanon.drift] targets: expected a list of postgresql:// URLs")
    out = []
    for i, url in enumerate(urls, 1):
        where = f"pyproject.toml [tool.pgcanon.drift] targets #{i}"
        out.append(parse(expand(url, environ, where=where), where=where))
    return out


def from_file(path: Path, environ: Mapping[str, str]) -> list[Target]:
    """One URL a line; blank lines and ``#`` comments (whole-line or after the URL) are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the targets file: {exc}") from None
    out = []
    for number, line in enumerate(lines, 1):
        # '#' starts a comment only at the start or after whitespace: a URL's fragment is not one.
        text = re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()
        if text:
            where = f"{path}:{number}"
            out.append(parse(expand(text, environ, where=where), where=where))
    return out


def with_dbname(url: str, dbname: str) -> str:
    """The same server and credentials as *url*, database *dbname* (URL in, URL out)."""
    if "://" not in url:
        return make_conninfo(url, dbname=dbname)
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "dbname"]
    return urlunsplit(parts._replace(path="/" + quote(dbname, safe=""), query=urlencode(query)))


def _discovery_conn(url: str, limits: Limits) -> psycopg.Connection:
    from pgcanon.drift.read import first_line, read_only_conninfo

    try:
        conn = psycopg.connect(read_only_conninfo(url, limits))
    except psycopg.Error as exc:
        raise ServerError(f"cannot list on {redact(url)}: {first_line(exc)}") from None
    conn.read_only = True
    return conn


def databases_like(server: Target, pattern: str, limits: Limits) -> list[Target]:
    """Every database on *server*'s server whose name is ``LIKE`` *pattern* (templates and scratch ones left out)."""
    with _discovery_conn(server.url, limits) as conn:
        rows = conn.execute(
            "SELECT datname::text FROM pg_database"
            " WHERE datname LIKE %s AND datallowconn AND NOT datistemplate AND datname NOT LIKE %s"
            ' ORDER BY datname COLLATE "C"',
            [pattern, SCRATCH_PREFIX.replace("_", r"\_") + "%"],
        ).fetchall()
    return [Target(with_dbname(server.url, name)) for (name,) in rows]


def schemas_like(database: Target, pattern: str, limits: Limits) -> list[Target]:
    """Every schema of *database* whose name is ``LIKE`` *pattern*, each a target of its own."""
    with _discovery_conn(database.url, limits) as conn:
        rows = conn.execute(
            "SELECT nspname::text FROM pg_namespace WHERE nspname LIKE %s"
            " AND nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%%'"
            ' ORDER BY nspname COLLATE "C"',
            [pattern],
        ).fetchall()
    return [Target(database.url, schema=name) for (name,) in rows]


def unique(targets: Iterable[Target]) -> list[Target]:
    """*targets* without repeats, first occurrence kept.

    A target is known by its URL without the password (and its schema): the report prints
    URLs redacted, so two URLs that differ only in the password are the same database, and
    would be two identical lines that shards and ``drift merge`` could not tell apart.
    """
    seen: dict[tuple[str, str | None], Target] = {}
    for t in targets:
        seen.setdefault((_without_password(t.url), t.schema), t)
    return list(seen.values())


def _without_password(url: str) -> str:
    """*url* with no password anywhere (user info or ``password`` parameter); a conninfo, normalised."""
    if "://" not in url:
        try:
            params = conninfo_to_dict(url)
        except psycopg.Error:
            return url
        return make_conninfo("", **{k: v for k, v in sorted(params.items()) if k != "password"})
    parts = urlsplit(url)
    userinfo, at, host = parts.netloc.rpartition("@")
    netloc = userinfo.partition(":")[0] + at + host
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"]
    return urlunsplit(parts._replace(netloc=netloc, query=urlencode(query)))


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` (1 ≤ K ≤ N) as a pair."""
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m or not 1 <= int(m[1]) <= int(m[2]):
        raise ConfigError(f"--shard {text!r}: expected K/N with 1 <= K <= N, e.g. --shard 2/8")
    return int(m[1]), int(m[2])


def shard_of(target: Target, count: int) -> int:
    """The shard (1-based, of *count*) *target* belongs to.

    A hash of the redacted label: stable across machines, Python runs (no ``hash()``
    randomisation) and password rotations, and independent of the order targets are listed in.
    """
    digest = hashlib.sha256(target.label.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def shard(targets: Sequence[Target], k: int, n: int) -> list[Target]:
    """The targets of shard *k* of *n*."""
    return [t for t in targets if shard_of(t, n) == k]


def drift_section(root: Path) -> dict[str, object]:
    """``[tool.pgcanon.drift]`` of the project's pyproject.toml (empty when absent)."""
    from pgcanon.config import read_section

    return read_section(root, "drift")


def collect(
    *,
    section: Mapping[str, object],
    given: Sequence[str] = (),
    files: Sequence[Path] = (),
    databases: str | None = None,
    schemas: str | None = None,
    database_url: str | None = None,
    limits: Limits,
    environ: Mapping[str, str] | None = None,
) -> list[Target]:
    """The targets of one run, in the order given or discovered, without repeats.

    ``--target`` and ``--targets`` replace the configured list. With *databases* (a LIKE
    pattern) those targets, or DATABASE_URL, name the servers to list databases on; with
    *schemas*, the databases (listed or discovered) to list schemas of.
    """
    env = os.environ if environ is None else environ
    base = [parse(u, where="--target") for u in given]
    for path in files:
        base.extend(from_file(path, env))
    if not base and not given and not files:
        base = from_config(section, env)
    if databases is not None or schemas is not None:
        if not base:
            if database_url is None:
                raise ConfigError(
                    "--databases-like/--schemas-like need a server: give --target URL or set DATABASE_URL"
                )
            base = [parse(database_url, where="DATABASE_URL")]
        if databases is not None:
            base = [t for server in base for t in databases_like(server, databases, limits)]
        if schemas is not None:
            base = [t for db in base for t in schemas_like(db, schemas, limits)]
    return unique(base)
