"""Finding the project `pgcanon init` adopts: its alembic.ini, the env.py it names, where modules import from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pgcanon.errors import ConfigError


@dataclass(frozen=True)
class Project:
    """An Alembic project as ``pgcanon init`` sees it; every path is absolute."""

    #: The directory holding ``alembic.ini``: ``pyproject.toml`` goes here, as do ``schema/`` and ``.pgcanon/``.
    root: Path
    alembic_ini: Path
    env_py: Path
    #: Where the project's modules import from, as Alembic sets it up: the root, then ``prepend_sys_path``.
    import_dirs: tuple[Path, ...]

    @property
    def pyproject(self) -> Path:
        return self.root / "pyproject.toml"

    def relative(self, path: Path) -> str:
        """*path* as the section writes it: relative to the root, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def find_project(start: Path | None = None) -> Project:
    """The nearest ``alembic.ini`` at or above *start* (the current directory), and what it names."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        ini = candidate / "alembic.ini"
        if ini.is_file():
            return _read(ini)
    below = sorted(p.relative_to(here).as_posix() for p in here.glob("*/alembic.ini"))
    hint = (f"\n  found {', '.join(below)}: run pgcanon init in {Path(below[0]).parent.as_posix()}/" if below else
            "\n  pgcanon adopts an Alembic project: run it where alembic.ini is (alembic init migrations makes one)")
    raise ConfigError(f"no alembic.ini in {here} or above{hint}")


def _read(ini: Path) -> Project:
    from pgcanon.migrations import ini_config

    # Alembic's own reading of the file: %(here)s, and prepend_sys_path's separators, as `alembic` resolves them.
    cfg = ini_config(ini)
    root = ini.parent
    try:
        location = cfg.get_main_option("script_location")
        prepend = cfg.get_prepend_sys_paths_list() or []
    except Exception as exc:  # noqa: BLE001 - configparser errors (bad %, duplicates): input errors
        raise ConfigError(f"{ini}: cannot be read: {exc}") from None
    if not location:
        raise ConfigError(f"{ini}: [alembic] sets no script_location\n"
                          "  pgcanon reads Alembic's configuration from alembic.ini, as `alembic -c alembic.ini` does")
    import_dirs = tuple(dict.fromkeys((root, *((root / p).resolve() for p in prepend))))
    return Project(root=root, alembic_ini=ini, env_py=_script_dir(location, import_dirs, root) / "env.py",
                   import_dirs=import_dirs)


def _script_dir(location: str, import_dirs: tuple[Path, ...], root: Path) -> Path:
    """The migrations directory: a path (relative ones from the root, as pgcanon runs Alembic there),
    or ``package:dir``, found under the import directories without importing the package."""
    package, sep, rest = location.partition(":")
    if sep and len(package) > 1 and "/" not in package and "\\" not in package:
        for base in import_dirs:
            candidate = base.joinpath(*package.split("."), rest)
            if candidate.is_dir():
                return candidate
    return (root / location).resolve()
