"""Quoting for generated DDL: psycopg's ``sql`` composition, rendered without a connection."""

from __future__ import annotations

import re

from pglast.keywords import COL_NAME_KEYWORDS, RESERVED_KEYWORDS, TYPE_FUNC_NAME_KEYWORDS
from psycopg import sql

_PLAIN = re.compile(r"^[a-z_][a-z0-9_$]*$")
#: Words that cannot stand unquoted as a name everywhere (quote_ident's rule: all but unreserved keywords).
_KEYWORDS = frozenset(RESERVED_KEYWORDS | COL_NAME_KEYWORDS | TYPE_FUNC_NAME_KEYWORDS)


def _part(name: str) -> str:
    if _PLAIN.match(name) and name not in _KEYWORDS:
        return name
    return sql.Identifier(name).as_string()


def ident(*parts: str) -> str:
    """A (qualified) identifier, quoted only where PostgreSQL needs it (as ``quote_ident`` does)."""
    return ".".join(map(_part, parts))


def literal(value: str) -> str:
    """A string literal (``E''`` when it holds a backslash)."""
    return sql.Literal(value).as_string()


def dollar_quoted(body: str) -> str:
    """*body* between dollar quotes whose tag it does not contain."""
    tag, n = "$body$", 0
    while tag in body:
        n += 1
        tag = f"$body{n}$"
    return f"{tag}{body}{tag}"


def role(name: str) -> str:
    """A grantee as the snapshot spells it: ``(owner)`` is whoever runs the plan, ``PUBLIC`` the pseudo-role.

    Other names come from ``regrole`` output, already quoted where needed.
    """
    if name == "(owner)":
        return "CURRENT_USER"
    return name
