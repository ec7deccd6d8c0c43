"""Schema-per-tenant: one schema of a snapshot, seen as if it were the canonical ``public``.

The catalog reader pins ``search_path`` to ``pg_catalog``, so every reference to a user
object is schema-qualified in the text PostgreSQL stores (``pg_get_indexdef``,
``pg_get_constraintdef``, defaults, view bodies, column types, trigger definitions):
``ON tenant_7.jobs``, ``REFERENCES tenant_7.videos(video_id)``, ``'queued'::tenant_7.job_state``.
Renaming a tenant to ``public`` therefore rewrites the ``schema`` fields and every
``tenant_7.`` qualifier in text fields. Schema objects themselves are left out on both
sides (the tenant's schema is not the ``public`` schema, which has its own owner, comment
and grants); extensions are the database's and compared as they are.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

from pgcanon.catalog.model import KINDS, Snapshot
from pgcanon.drift.read import VERSION_TABLE

CANONICAL = "public"

_PLAIN = re.compile(r"[a-z_][a-z0-9_$]*")


@cache
def _qualifier(schema: str) -> re.Pattern[str]:
    # The name as PostgreSQL prints it in front of a dot: quoted when it must be, else bare;
    # not preceded by an identifier character (tenant_1. must not match xtenant_1.).
    quoted = '"' + schema.replace('"', '""') + '"'
    forms = [re.escape(quoted)] + ([re.escape(schema)] if _PLAIN.fullmatch(schema) else [])
    return re.compile(rf'(?<![\w$"])(?:{"|".join(forms)})\.')


def _rename(value: Any, pattern: re.Pattern[str], to: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(to + ".", value) if "." in value else value
    if isinstance(value, tuple):
        return tuple(_rename(v, pattern, to) for v in value)
    return value


def _bookkeeping(obj: Any) -> bool:
    """Alembic's version table in the tenant schema, and its parts (the reader skips only ``public``'s)."""
    owner = getattr(obj, "table", None) or (obj.name if obj.kind == "table" else None)
    return owner == VERSION_TABLE


def as_canonical(snapshot: Snapshot, schema: str) -> Snapshot:
    """The objects of *schema* renamed into ``public``, plus the database's extensions; nothing else.

    Applied to both sides of a schema-mode comparison (with ``public`` itself on the canonical
    side), so both hold the same kinds of objects.
    """
    pattern = _qualifier(schema)
    values: dict[str, tuple[Any, ...]] = {}
    for attr in KINDS:
        objs = getattr(snapshot, attr)
        if attr in ("schemas", "publications"):  # a publication is the database's, over tables of any schema
            values[attr] = ()
            continue
        if attr != "extensions":
            objs = tuple(o for o in objs if o.schema == schema and not _bookkeeping(o))
        if schema != CANONICAL:
            objs = tuple(_renamed(o, schema, pattern) for o in objs)
        values[attr] = objs
    return Snapshot(server_version=snapshot.server_version, **values).normalized()


def _renamed(obj: Any, schema: str, pattern: re.Pattern[str]) -> Any:
    changes = {}
    for f in dataclasses.fields(obj):
        old = getattr(obj, f.name)
        new = CANONICAL if f.name == "schema" and old == schema else _rename(old, pattern, CANONICAL)
        if new != old:
            changes[f.name] = new
    return dataclasses.replace(obj, **changes) if changes else obj
