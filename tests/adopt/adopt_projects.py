"""Throwaway Alembic projects laid out as new users' are: ``alembic init`` templates, models in ``app/``.

Each project's own configuration names a *sentinel* database (the one the application would use);
pgcanon must build in its scratch databases and never write the sentinel.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

MODELS = '''\
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
'''

REVISION = '''\
"""create item"""
import sqlalchemy as sa
from alembic import op

revision = "0001_item"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "item",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )


def downgrade():
    op.drop_table("item")
'''

SCHEMA = "CREATE TABLE item (id serial PRIMARY KEY, name varchar(100) NOT NULL);\n"

PYPROJECT = '''\
[project]
name = "throwaway"
version = "0"

[tool.pgcanon]
schema = "schema"
migrations = "alembic.ini"
orm = "app.models:Base.metadata"
'''


def make_project(root: Path, template: str, sentinel_url: str) -> Path:
    """``alembic init -t TEMPLATE`` in *root*, with models, one revision, the DDL, and the sentinel as its URL.

    The only edits to the files Alembic wrote are the ones every user makes: ``sqlalchemy.url``
    and ``target_metadata``.
    """
    root.mkdir(parents=True, exist_ok=True)
    ini = root / "alembic.ini"
    command.init(Config(str(ini)), str(root / "migrations"), template=template)
    text = ini.read_text()
    text = re.sub(r"^sqlalchemy\.url = .*$", lambda _: f"sqlalchemy.url = {sentinel_url.replace('%', '%%')}",
                  text, flags=re.M)
    ini.write_text(text)
    env_py = root / "migrations" / "env.py"
    env_py.write_text(env_py.read_text().replace(
        "target_metadata = None", "from app.models import Base\ntarget_metadata = Base.metadata"))
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "models.py").write_text(MODELS)
    (root / "migrations" / "versions" / "0001_item.py").write_text(REVISION)
    (root / "schema").mkdir()
    (root / "schema" / "create_schema.sql").write_text(SCHEMA)
    (root / "pyproject.toml").write_text(PYPROJECT)
    return root


def pgcanon(project: Path, *argv: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the pgcanon CLI in a fresh interpreter from *project*, as a user would."""
    full = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PGCANON_DATABASE_URL")}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pgcanon", *argv], cwd=project, env=full, capture_output=True, text=True,
        timeout=300, check=False,
    )
