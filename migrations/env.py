"""Alembic environment for the video platform database.

Contract (pgcanon relies on it):

* ``target_metadata`` is ``videodb.models.Base.metadata``.
* URL: ``config.attributes["url"]`` if set, else ``sqlalchemy.url`` from the
  ini file if non-empty, else ``$DATABASE_URL``. A plain ``postgresql://`` or
  ``postgres://`` URL is rewritten to ``postgresql+psycopg://``. The URL is
  never logged.
* If ``config.attributes["connection"]`` is a SQLAlchemy ``Connection``, it is
  used as is (Alembic cookbook, "sharing a connection").
* ``logging.config.fileConfig`` runs only when
  ``config.attributes.get("configure_logger", True)`` is truthy.
* Each migration runs in its own transaction (``transaction_per_migration``).
"""

from __future__ import annotations

import logging.config
import os
import sys
from pathlib import Path

from alembic import context
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import Connection

config = context.config

if config.config_file_name is not None and config.attributes.get(
    "configure_logger", True
):
    logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)

# prepend_sys_path = src in alembic.ini covers runs from the repository root;
# this covers `alembic -c /path/to/alembic.ini` from anywhere else.
_SRC = Path(__file__).resolve().parents[1] / "src"
if _SRC.is_dir() and str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

import videodb.models  # noqa: E402

target_metadata = videodb.models.Base.metadata

_CONFIGURE_OPTS = {
    "target_metadata": target_metadata,
    "transaction_per_migration": True,
    "compare_type": True,
    "compare_server_default": True,
}


def _normalize_url(url: str) -> str:
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def get_url() -> str:
    url = config.attributes.get("url")
    if not url:
        url = config.get_main_option("sqlalchemy.url") or None
    if not url:
        url = os.environ.get("DATABASE_URL")
    if not url:
        raise RuntimeError(
            "no database URL: set DATABASE_URL, sqlalchemy.url in alembic.ini, "
            'or config.attributes["url"]'
        )
    # A sqlalchemy.engine.URL object is accepted too.
    if not isinstance(url, str):
        url = url.render_as_string(hide_password=False)
    return _normalize_url(url)


def run_migrations_offline() -> None:
    """Emit SQL to stdout (`alembic upgrade head --sql`); no database needed."""
    context.configure(
        dialect_name="postgresql",
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **_CONFIGURE_OPTS,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_with_connection(connection: Connection) -> None:
    context.configure(connection=connection, **_CONFIGURE_OPTS)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    shared = config.attributes.get("connection")
    if isinstance(shared, Connection):
        _run_with_connection(shared)
        return
    engine = create_engine(get_url(), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            _run_with_connection(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
