"""Files shipped inside the package: the ``queries/*.sql`` next to the module that runs them.

Read with :mod:`importlib.resources`, so they load from a wheel, a zip or a checkout alike,
and each file is read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_query(package: str, name: str) -> str:
    """The text of ``queries/<name>`` in *package* (e.g. ``"pgcanon.catalog"``, ``"indexes.sql"``)."""
    return (resources.files(package) / "queries" / name).read_text(encoding="utf-8")
