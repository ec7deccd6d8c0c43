"""Test-suite wiring: fixtures live in fix_*.py plugins, as psycopg's tests do."""

from __future__ import annotations

pytest_plugins = ["fix_server", "fix_sources", "pytester"]
