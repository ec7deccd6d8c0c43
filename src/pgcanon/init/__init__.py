"""``pgcanon init``: adopt pgcanon in an existing Alembic project.

Finds ``alembic.ini`` (:mod:`.project`), reads which models ``env.py`` gives Alembic (:mod:`.envpy`),
writes ``[tool.pgcanon]`` into ``pyproject.toml`` keeping the rest byte for byte (:mod:`.section`) and,
with ``--schema-from``, the canonical DDL generated from that source and proven equal to it (:mod:`.schema`).
Everything that could refuse is checked before anything is written, so a refusal (exit 2) leaves the
project as it was.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from pgcanon.config import Settings, external_url, load_settings
from pgcanon.errors import ConfigError
from pgcanon.init.envpy import read_models
from pgcanon.init.project import Project, find_project
from pgcanon.init.section import Section, has_section, parse, section_line, with_section

#: Where ``--schema-from`` writes the canonical DDL, relative to the project root.
SCHEMA_FILE = Path("schema", "create_schema.sql")


def init(out: TextIO, *, schema_from: str | None = None, force: bool = False, start: Path | None = None) -> int:
    """Write the [tool.pgcanon] section (and, with *schema_from*, schema/create_schema.sql); print what and why."""
    project = find_project(start)
    out.write(f"found {project.relative(project.alembic_ini)} in {project.root}\n")
    models = read_models(project.env_py, project.import_dirs, project.relative(project.env_py))
    out.write(f"models: {models.orm}  ({models.reason})\n" if models.orm else
              f"models: not named: {models.reason}\n  the section is written without orm; add it by hand\n")
    for note in models.notes:
        out.write(f"  note: {note}\n")

    pyproject = project.pyproject
    raw = pyproject.read_bytes() if pyproject.is_file() else b""
    where = project.relative(pyproject)
    if raw and has_section(parse(raw, where)) and not force:
        line = section_line(raw)
        raise ConfigError(f"{where}{f':{line}' if line else ''} already has a [tool.pgcanon] section; "
                          "pgcanon init leaves it as it is\n  rerun with --force to replace it")
    schema_path = project.root / SCHEMA_FILE
    if schema_from is not None:
        from pgcanon.init.schema import check_source

        check_source(schema_from)
        if schema_path.exists() and not force:
            raise ConfigError(f"{project.relative(schema_path)} already exists; pgcanon init does not overwrite it\n"
                              "  rerun with --force to write it again from " + schema_from)

    section = Section(migrations=project.relative(project.alembic_ini), orm=models.orm,
                      schema=_schema_setting(project, schema_from, schema_path),
                      comments=_comments(models.orm, models.reason, schema_from, schema_path))
    new = with_section(raw, section, where)  # parsed before anything is written: a file it would break is refused

    if schema_from is not None:
        ddl, label, count = _schema_text(project, models.orm, schema_from)
        schema_path.parent.mkdir(parents=True, exist_ok=True)
        schema_path.write_text(ddl, encoding="utf-8")
        out.write(f"wrote {project.relative(schema_path)}: {count} statements from {label}, "
                  f"built and compared equal to it\n")
    how = "created" if not raw else ("replaced [tool.pgcanon] in" if has_section(parse(raw, where)) else
                                     "added [tool.pgcanon] to")
    pyproject.write_bytes(new)
    out.write(f"{how} {where}:\n")
    out.writelines(f"  {line}\n" for line in section.text().splitlines()[1:] if not line.startswith("# written"))
    _next_steps(out, project)
    return 0


def _schema_setting(project: Project, schema_from: str | None, schema_path: Path) -> str | None:
    if schema_from is not None:
        return project.relative(schema_path)
    if (project.root / "schema").exists():  # the project already keeps DDL there: the default would find it too
        return "schema"
    return None


def _comments(orm: str | None, reason: str, schema_from: str | None, schema_path: Path) -> tuple[str, ...]:
    out = []
    if orm is None:
        out.append(f'orm = "package.module:Base.metadata"   # the models\' MetaData; not set: {reason}')
    if schema_from is None and not schema_path.parent.exists():
        out.append('schema = "schema/create_schema.sql"   # no canonical DDL yet: pgcanon init --schema-from '
                   "migrations --force writes it")
    return tuple(out)


def _schema_text(project: Project, orm: str | None, spec: str) -> tuple[str, str, int]:
    """The generated DDL of *spec*, proven to build the same schema; (text, source label, statement count)."""
    from pgcanon.compare import Comparer
    from pgcanon.init.schema import generate, prove

    # The section is not written yet (nothing is until the DDL is proven), so the settings are the ones it will hold.
    settings = Settings(root=project.root, schema=None, alembic_ini=project.alembic_ini, orm=orm or "",
                        database_url=external_url(os.environ),
                        connect_timeout=float(os.environ.get("PGCANON_CONNECT_TIMEOUT", 30)))
    comparer = Comparer(settings)
    label, text, count = generate(comparer, spec)
    prove(comparer, spec, label, text)
    return text, label, count


def _next_steps(out: TextIO, project: Project) -> None:
    settings = load_settings(project.root)  # as every later command will read it
    ignore = project.root / ".gitignore"
    if settings.database_url is None and ignore.is_file() and ".pgcanon" not in ignore.read_text(encoding="utf-8"):
        # Said, not written: init writes pyproject.toml and the schema file only.
        out.write("note: add .pgcanon/ to .gitignore: the embedded server pgcanon starts keeps its data there\n")
    if settings.checks:
        out.write(f"next: pgcanon check   ({', '.join(settings.checks)})\n")
    else:
        out.write("next: set orm under [tool.pgcanon] (or write the DDL: pgcanon init --schema-from migrations "
                  "--force), then pgcanon check\n")
