"""Throwaway Alembic projects whose revisions run given SQL, for reviewing one statement at a time."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from pgcanon.config import load_settings

if TYPE_CHECKING:
    from pgcanon.config import Settings

ROOT = Path(__file__).resolve().parents[2]

TEMPLATE = '''"""{message}"""
from alembic import op

revision = {rev!r}
down_revision = {down!r}
branch_labels = None
depends_on = None
{extra}

def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
'''


def _body(statements: list[str]) -> str:
    lines = []
    for stmt in statements:
        if stmt.startswith("AUTOCOMMIT "):  # run outside the revision's transaction, as Alembic documents
            lines.append("    with op.get_context().autocommit_block():")
            lines.append(f"        op.execute({stmt.removeprefix('AUTOCOMMIT ')!r})")
        else:
            lines.append(f"    op.execute({stmt!r})")
    return "\n".join(lines) or "    pass"


def make_project(tmp: Path, revisions: list[list[str]], *, accept: dict[int, dict[str, str]] | None = None,
                 review_section: str = "", database_url: str | None = None) -> Settings:
    """A project whose revisions r1, r2, … run the given statements; returns its Settings.

    :param database_url: the server its commands use; without one they would start an
        embedded server of the project's own in *tmp* (slow, and left running).
    """
    dest = tmp / "proj"
    dest.mkdir()
    shutil.copy(ROOT / "alembic.ini", dest / "alembic.ini")
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (dest / "pyproject.toml").write_text(text + ("\n" + review_section if review_section else ""), encoding="utf-8")
    (dest / "migrations" / "versions").mkdir(parents=True)
    for name in ("env.py", "script.py.mako"):
        shutil.copy(ROOT / "migrations" / name, dest / "migrations" / name)
    for i, statements in enumerate(revisions, start=1):
        extra = f"pgcanon_review_accept = {accept[i]!r}\n" if accept and i in accept else ""
        source = TEMPLATE.format(message=f"step {i}", rev=f"r{i}", down=f"r{i - 1}" if i > 1 else None,
                                 extra=extra, body=_body(statements))
        (dest / "migrations" / "versions" / f"r{i}.py").write_text(source, encoding="utf-8")
    # env.py imports videodb from <root>/src: make it importable from the copy too
    (dest / "src").symlink_to(ROOT / "src")
    return load_settings(dest, environ={"DATABASE_URL": database_url} if database_url else {})
