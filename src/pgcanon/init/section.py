"""Writing ``[tool.pgcanon]`` into ``pyproject.toml``, every other byte of the file kept as it was.

No TOML writer is needed (nor installed): the section is appended as text, or, with ``--force``,
put in place of the old ``[tool.pgcanon]`` table's lines (its sub-tables such as
``[tool.pgcanon.review]`` stay). The result is parsed before it is written, so a file this cannot
edit safely is refused, not broken.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pgcanon.config import parse_toml
from pgcanon.errors import ConfigError

#: A table header line: ``[name]`` or ``[[name]]``, with an optional comment after it.
_HEADER = re.compile(rb"^[ \t]*\[\[?[ \t]*(?P<name>[^\]\r\n]+?)[ \t]*\]\]?[ \t]*(?:#[^\r\n]*)?\r?$", re.M)
_OURS = re.compile(r"""tool\s*\.\s*(?:pgcanon|"pgcanon"|'pgcanon')""")


@dataclass(frozen=True)
class Section:
    """The settings ``pgcanon init`` writes; None leaves a setting out (its default applies)."""

    migrations: str
    orm: str | None
    schema: str | None
    #: Lines said as comments under the settings (why a setting is missing, what check runs).
    comments: tuple[str, ...] = ()

    def text(self, newline: str = "\n") -> str:
        lines = ["[tool.pgcanon]", "# written by pgcanon init; the settings are described in pgcanon's README"]
        if self.schema is not None:
            lines.append(f"schema = {json.dumps(self.schema)}")
        lines.append(f"migrations = {json.dumps(self.migrations)}")
        if self.orm is not None:
            lines.append(f"orm = {json.dumps(self.orm)}")
        lines += [f"# {c}" for c in self.comments]
        return newline.join(lines) + newline


def has_section(data: dict[str, object]) -> bool:
    tool = data.get("tool")
    return isinstance(tool, dict) and "pgcanon" in tool


def parse(raw: bytes, where: str) -> dict[str, object]:
    return parse_toml(raw, where, remedy="fix it, then run pgcanon init again")


def section_line(raw: bytes) -> int | None:
    """The line number of the ``[tool.pgcanon]`` header, if the file has one."""
    for m in _HEADER.finditer(raw):
        if _is_ours(m) and not raw[m.start():m.end()].lstrip().startswith(b"[["):
            return raw.count(b"\n", 0, m.start()) + 1
    return None


def _is_ours(m: re.Match[bytes]) -> bool:
    return _OURS.fullmatch(m["name"].decode("utf-8", "replace").strip()) is not None


def with_section(raw: bytes, section: Section, where: str) -> bytes:
    """*raw* (the file's bytes, maybe empty) with *section* in it: appended, or in place of the old one."""
    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    body = section.text(newline.decode()).encode("utf-8")
    headers = list(_HEADER.finditer(raw))
    for i, m in enumerate(headers):
        if _is_ours(m):
            end = headers[i + 1].start() if i + 1 < len(headers) else len(raw)
            # Keep a blank line before the next table, as it was.
            tail = raw[m.start():end]
            gap = tail[len(tail.rstrip(b"\r\n \t")):]
            new = raw[:m.start()] + body.rstrip(b"\r\n") + (gap if i + 1 < len(headers) else newline) + raw[end:]
            break
    else:
        if data_has_dotted_section(raw, where):
            raise ConfigError(f"{where}: [tool.pgcanon] settings are given as dotted keys, not as a table: "
                              "edit them by hand")
        # One blank line between the file's last table and ours; an empty file gets the section alone.
        if not raw or raw.endswith(b"\n\n") or raw.endswith(b"\r\n\r\n"):
            sep = b""
        elif raw.endswith(b"\n"):
            sep = newline
        else:
            sep = newline + newline
        new = raw + sep + body
    data = parse(new, f"{where} (as pgcanon init would write it)")
    if not has_section(data):  # pragma: no cover - the header was written; a parse that loses it is a bug
        raise ConfigError(f"{where}: cannot add [tool.pgcanon] to this file; add it by hand")
    return new


def data_has_dotted_section(raw: bytes, where: str) -> bool:
    """``tool.pgcanon.schema = …`` under ``[tool]``, or ``pgcanon = {…}``: a section with no header to replace."""
    return bool(raw) and has_section(parse(raw, where))
