"""The pre-commit hooks this repository publishes run commands that exist, with the pinned versions."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def test_the_check_hook_is_the_gate_and_gets_no_file_names() -> None:
    hook = HOOKS["pgcanon-check"]
    assert hook["entry"] == "pgcanon check" and hook["pass_filenames"] is False
    assert all(re.search(hook["files"], f) for f in ("schema/create_schema.sql", "migrations/env.py", "alembic.ini"))
    assert not re.search(hook["files"], "README.md")


def test_the_lint_hook_pins_the_sqlfluff_this_project_pins() -> None:
    hook = HOOKS["pgcanon-lint"]
    pinned = re.search(r'"sqlfluff==([\d.]+)"', (ROOT / "pyproject.toml").read_text())
    assert pinned and hook["additional_dependencies"] == [f"sqlfluff=={pinned[1]}"]
    assert re.search(hook["files"], "schema/create_schema.sql") and not re.search(hook["files"], "src/x.sql")


def test_each_entry_runs() -> None:
    bin_dir = Path(sys.executable).parent
    for hook in HOOKS.values():
        command, *args = hook["entry"].split()
        exe = shutil.which(command, path=str(bin_dir))
        assert exe, f"{hook['id']}: {command} is not installed beside {sys.executable}"
        done = subprocess.run([exe, *args, "--help"], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
