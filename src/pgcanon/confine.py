"""Confining a project's ``env.py`` to the one database pgcanon gives it.

pgcanon runs the project's own ``env.py``, and ``env.py`` files do not all take
the connection pgcanon shares through ``config.attributes["connection"]``: the
ones ``alembic init`` writes read ``sqlalchemy.url``, many read an environment
variable, some build the URL from the application's settings. Two things keep
every one of them on the scratch database:

* **Hand-over.** For the length of the run, every place such a file reads a
  URL from names the scratch database: ``sqlalchemy.url`` (keeping the
  project's driver, so an asyncpg ``env.py`` stays async), ``DATABASE_URL`` and
  any environment variable that already holds a PostgreSQL URL, the libpq
  ``PG*`` variables and the ``POSTGRES_*`` ones that docker images and FastAPI
  templates use. All of it is restored afterwards.
* **Guard.** A SQLAlchemy ``do_connect`` listener sees every connection any
  engine in the process is about to open, before it opens. One to a database
  other than the scratch one raises :class:`ForeignConnectionError` before a
  single statement runs; no revision can touch it. One to a scratch database
  pgcanon handed out earlier in this process (an application settings object
  cached at first import still names it) is redirected to the current one,
  since both are ours.
"""

from __future__ import annotations

import logging
import os
import sysconfig
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psycopg.conninfo import conninfo_to_dict
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError

from pgcanon.errors import MigrationError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from alembic.config import Config

#: libpq's own variables, read by drivers built on libpq when a URL leaves a part out.
_LIBPQ = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD", "dbname": "PGDATABASE"}
#: The docker ``postgres`` image's names, which FastAPI's full-stack template reads into its settings.
_POSTGRES = {"host": "POSTGRES_SERVER", "port": "POSTGRES_PORT", "user": "POSTGRES_USER",
             "password": "POSTGRES_PASSWORD", "dbname": "POSTGRES_DB"}
_URL_SCHEMES = ("postgresql://", "postgres://", "postgresql+")
_DEFAULT_DRIVER = "postgresql+psycopg"
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}

#: Scratch databases handed to an ``env.py`` earlier in this process: a connection to one is redirected.
_handed_out: set[str] = set()


class ForeignConnectionError(MigrationError):
    """``env.py`` opened a connection to a database that is not the one pgcanon gave it."""

    @classmethod
    def opened(cls, where: str, target: str, scratch: str) -> ForeignConnectionError:
        return cls(
            f"{where} opened a connection to {target}, not to the database pgcanon gave it ({scratch}); "
            "stopped before any statement ran\n"
            "  pgcanon builds migrations only in its own scratch databases. Make env.py take the connection it is "
            "handed (Alembic cookbook, 'Sharing a Connection'), at the top of run_migrations_online():\n"
            '      connection = config.attributes.get("connection")\n'
            "      if connection is not None:\n"
            "          context.configure(connection=connection, target_metadata=target_metadata)\n"
            "          with context.begin_transaction():\n"
            "              context.run_migrations()\n"
            "          return\n"
            "  in an async env.py, call your do_run_migrations(connection) there instead of asyncio.run(...);\n"
            "  or build the URL from sqlalchemy.url or DATABASE_URL, which pgcanon points at the scratch database"
        )


def sqlalchemy_url(conninfo: str, like: str | None = None) -> URL:
    """*conninfo* as a SQLAlchemy URL, with the driver of *like* (a URL the project configured) when it has one."""
    params = conninfo_to_dict(conninfo)
    driver = _DEFAULT_DRIVER
    if like:
        try:
            configured = make_url(like)
        except ArgumentError:
            configured = None
        if configured is not None and configured.drivername.split("+")[0] in ("postgresql", "postgres"):
            driver = configured.drivername.replace("postgres+", "postgresql+")
            driver = "postgresql" if driver == "postgres" else driver
    host = str(params.get("host") or "")
    socket = host.startswith("/")
    port = params.get("port")
    return URL.create(
        driver,
        username=_text_param(params, "user"),
        password=_text_param(params, "password"),
        # SQLAlchemy (psycopg and asyncpg alike) takes a unix socket directory as ?host=.
        host=None if socket else (host or None),
        port=int(port) if port else None,
        database=_text_param(params, "dbname"),
        query={"host": host} if socket else {},
    )


@contextmanager
def confined(cfg: Config, conninfo: str, *, project_root: Path) -> Iterator[None]:
    """Run the block with *cfg*'s ``env.py`` handed *conninfo* in every usual form and kept to it.

    :raises ForeignConnectionError: when any engine connects elsewhere during the block.
    """
    target = conninfo_to_dict(conninfo)
    env_py = Path(cfg.get_main_option("script_location") or "", "env.py")
    env_py = (Path(cfg.config_file_name or ".").resolve().parent / env_py).resolve()
    saved_url = cfg.get_main_option("sqlalchemy.url")
    url = sqlalchemy_url(conninfo, like=saved_url)
    # configparser interpolates '%': a password holding one must be doubled.
    cfg.set_main_option("sqlalchemy.url", url.render_as_string(hide_password=False).replace("%", "%%"))
    saved_env = _hand_over_environment(conninfo, target)
    violations: list[ForeignConnectionError] = []

    def check(dialect: Any, conn_rec: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
        wanted = _effective(cargs, cparams)
        if _same_database(wanted, target):
            return
        if wanted.get("dbname") in _handed_out and _same_server(wanted, target):
            _redirect(cparams, cargs, target)
            return
        shown = _describe(wanted)
        error = ForeignConnectionError.opened(_caller(env_py, project_root), shown, _describe(target))
        violations.append(error)
        raise error

    event.listen(Engine, "do_connect", check)
    _handed_out.add(str(target.get("dbname")))
    # The templates' logging.fileConfig sends Alembic's INFO lines to stderr for the rest of the process
    # (and disables every existing logger); pgcanon prints its own report, so the set-up is undone after.
    quiet = logging.root.manager.disable
    logging.disable(max(quiet, logging.INFO))
    saved_logging = _logging_state()
    try:
        yield
    finally:
        _restore_logging(saved_logging)
        logging.disable(quiet)
        event.remove(Engine, "do_connect", check)
        _restore(saved_env)
        if saved_url is None:
            cfg.remove_main_option("sqlalchemy.url")
        else:
            cfg.set_main_option("sqlalchemy.url", saved_url.replace("%", "%%"))
    if violations:  # env.py caught our error and went on: it is still an error
        raise violations[0]


def _hand_over_environment(conninfo: str, target: dict[str, Any]) -> dict[str, str | None]:
    names: dict[str, str] = {}
    for key, var in _LIBPQ.items():
        names[var] = str(target.get(key) or "")
    if any(os.environ.get(var) for var in _POSTGRES.values()):
        for key, var in _POSTGRES.items():
            names[var] = str(target.get(key) or "")
    for var, value in os.environ.items():
        if value.startswith(_URL_SCHEMES) and var != "PGCANON_DATABASE_URL":
            names[var] = sqlalchemy_url(conninfo, like=value).render_as_string(hide_password=False)
    names.setdefault("DATABASE_URL", sqlalchemy_url(conninfo, like="postgresql://").render_as_string(
        hide_password=False))
    saved = {var: os.environ.get(var) for var in names}
    for var, value in names.items():
        if value:
            os.environ[var] = value
        else:
            os.environ.pop(var, None)
    return saved


_LoggerState = tuple[int, list[logging.Handler], bool, bool]


def _logging_state() -> dict[str, _LoggerState]:
    loggers = {"": logging.root, **{n: lg for n, lg in logging.root.manager.loggerDict.items()
                                    if isinstance(lg, logging.Logger)}}
    return {n: (lg.level, list(lg.handlers), lg.disabled, lg.propagate) for n, lg in loggers.items()}


def _restore_logging(saved: dict[str, _LoggerState]) -> None:
    for name, lg in [("", logging.root), *logging.root.manager.loggerDict.items()]:
        if not isinstance(lg, logging.Logger):
            continue
        level, handlers, disabled, propagate = saved.get(name, (logging.NOTSET, [], False, True))
        lg.setLevel(level)
        lg.handlers[:] = handlers
        lg.disabled, lg.propagate = disabled, propagate


def _restore(saved: dict[str, str | None]) -> None:
    for var, value in saved.items():
        if value is None:
            os.environ.pop(var, None)
        else:
            os.environ[var] = value


def _effective(cargs: list[Any], cparams: dict[str, Any]) -> dict[str, Any]:
    """What a driver will connect to: its parameters, a DSN string if any, then libpq's environment."""
    params: dict[str, Any] = {}
    if cargs and isinstance(cargs[0], str) and cargs[0]:
        params.update(conninfo_to_dict(cargs[0]))
    for key, value in cparams.items():
        if key == "dsn" and isinstance(value, str) and value:
            params.update(conninfo_to_dict(value))
        elif value is not None:
            params["dbname" if key == "database" else key] = value
    for key, var in _LIBPQ.items():
        if not params.get(key) and os.environ.get(var):
            params[key] = os.environ[var]
    params.setdefault("dbname", params.get("user"))
    return params


def _text_param(params: Mapping[str, object], key: str) -> str | None:
    """A conninfo parameter as text, None when absent or empty (libpq parses every value as text)."""
    value = params.get(key)
    return str(value) if value else None


def _norm_host(host: Any) -> str:
    text = str(host or "").split(",")[0]
    if text.startswith("/"):
        return os.path.realpath(text)
    return "localhost" if text in _LOOPBACK or not text else text.lower()


def _same_server(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return _norm_host(a.get("host")) == _norm_host(b.get("host")) and str(a.get("port") or 5432) == str(
        b.get("port") or 5432
    )


def _same_database(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return str(a.get("dbname")) == str(b.get("dbname")) and _same_server(a, b)


def _redirect(cparams: dict[str, Any], cargs: list[Any], target: dict[str, Any]) -> None:
    key = "database" if "database" in cparams else "dbname"
    cparams[key] = target.get("dbname")
    if cargs and isinstance(cargs[0], str):
        cargs[0] = ""  # the DSN named the stale database; the parameters now say where to go


def _describe(params: dict[str, Any]) -> str:
    host = str(params.get("host") or "localhost")
    port = params.get("port") or 5432
    user = params.get("user") or ""
    auth = f"{user}:***@" if params.get("password") else (f"{user}@" if user else "")
    if host.startswith("/"):  # a unix socket directory, written as libpq's URLs write it
        return f"postgresql://{auth}/{params.get('dbname')}?host={host}&port={port}"
    return f"postgresql://{auth}{host}:{port}/{params.get('dbname')}"


def _caller(env_py: Path, project_root: Path) -> str:
    """``migrations/env.py:87``: the frame of the project's code that asked for the connection."""
    library = {Path(p).resolve() for p in (sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"])}
    here = Path(__file__).resolve().parent
    frames = traceback.extract_stack()
    chosen = next((f for f in reversed(frames) if Path(f.filename).resolve() == env_py), None)
    if chosen is None:
        chosen = next(
            (f for f in reversed(frames)
             if not any(Path(f.filename).resolve().is_relative_to(p) for p in (*library, here))
             and Path(f.filename).resolve().is_relative_to(project_root)),
            None,
        )
    if chosen is None:
        return str(env_py)
    path = Path(chosen.filename).resolve()
    shown = path.relative_to(project_root) if path.is_relative_to(project_root) else path
    return f"{shown}:{chosen.lineno}"


def attribute(exc: BaseException, revision_files: dict[Path, str]) -> str | None:
    """The revision whose code raised *exc*: the innermost frame in one of *revision_files*, else None."""
    found = None
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        for frame in traceback.extract_tb(exc.__traceback__):
            rev = revision_files.get(Path(frame.filename).resolve())
            if rev is not None:
                found = rev
        if found is not None:
            return found
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return None


