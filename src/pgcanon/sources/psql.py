"""psql meta-commands in a ``.sql`` source: the ones pg_dump writes are understood, any other is an error.

``pg_dump --schema-only`` of PostgreSQL 17.6+ and 18 brackets its output with
``\\restrict KEY`` / ``\\unrestrict KEY`` (psql refuses other meta-commands in
between, CVE-2025-8714). They guard psql, not the schema, so a dump given as a
source runs with them blanked out. The dumps' ``SET`` and
``SELECT pg_catalog.set_config(...)`` lines are plain SQL and run as written, but for one: pg_dump
17+ writes ``SET transaction_timeout = 0;``, a parameter PostgreSQL 14–16 do not have, so a dump
made by a newer pg_dump (the usual case: one client for every server) could not be built on the
older server it came from. That line sets the parameter only where it exists.
Any other line that starts with a backslash is psql's, not PostgreSQL's: it is
refused with its line, rather than sent to the server as a syntax error.
"""

from __future__ import annotations

import re

from pgcanon.errors import SourceError

_META = re.compile(r"^\\(?P<cmd>[A-Za-z!?;]+|\.)(?P<rest>.*)$", re.M)
_PG_DUMP_GUARDS = frozenset({"restrict", "unrestrict"})
#: pg_dump 17+'s session header line for a parameter of PostgreSQL 17 (the default, 0, where it exists).
_TRANSACTION_TIMEOUT = re.compile(r"^SET transaction_timeout = 0;$", re.M)
_TRANSACTION_TIMEOUT_ANY_SERVER = (
    "SELECT pg_catalog.set_config(name, '0', false) FROM pg_catalog.pg_settings WHERE name = 'transaction_timeout';"
)
#: ``COPY … FROM stdin`` of a full dump: its rows follow as psql data, which a batch cannot carry.
_COPY_FROM_STDIN = re.compile(r"^COPY\b[^;]*\bFROM\s+stdin\s*;", re.I | re.M)


def sql_text(text: str, label: str) -> str:
    """*text* with pg_dump's ``\\restrict``/``\\unrestrict`` lines blanked and its ``transaction_timeout``
    line made to run on any server (lines keep their numbers).

    :raises SourceError: at ``label:line:1`` for any other psql meta-command, or ``COPY … FROM stdin``.
    """
    text = _TRANSACTION_TIMEOUT.sub(_TRANSACTION_TIMEOUT_ANY_SERVER, text)
    if "\\" not in text and "stdin" not in text.lower():
        return text
    copy = _COPY_FROM_STDIN.search(text)
    if copy:
        line = text.count("\n", 0, copy.start()) + 1
        raise SourceError(
            "COPY … FROM stdin carries its rows as psql data, which pgcanon does not run; "
            "give a schema-only dump (pg_dump --schema-only)", file=label, line=line, column=1)

    def blank(match: re.Match[str]) -> str:
        if match["cmd"] in _PG_DUMP_GUARDS:
            return "-- " + match[0][1:]  # a comment on the same line: positions of later lines are unchanged
        line = text.count("\n", 0, match.start()) + 1
        raise SourceError(
            f"psql meta-command \\{match['cmd']} is not SQL: pgcanon sends .sql files to the server as they are; "
            "only pg_dump's \\restrict and \\unrestrict lines are understood (remove the line, or run the "
            "file with psql into a database and give its URL as the source)",
            file=label, line=line, column=1,
        )

    return _META.sub(blank, text)
