"""GitHub Actions workflow commands (``::error file=…,line=…,title=…::message``), so a failing gate
annotates the DDL line or the model attribute in the pull request, as ruff and sqlfluff do.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pgcanon.comparison import Comparison
    from pgcanon.review.model import RevisionReport

# The reports already say where an object is declared: "(schema/create_schema.sql:95)" or
# "videodb/models/video.py:12"; the first such place on a line is where its annotation goes.
_PLACE = re.compile(r"(?<![\w/.-])([\w./-]+\.(?:sql|py)):(\d+)")


def escape(text: str, *, prop: bool = False) -> str:
    """GitHub's escaping: % CR LF always; ':' and ',' inside properties too."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def annotation(level: str, message: str, *, title: str, file: str | None = None, line: int | None = None) -> str:
    props = []
    if file:
        props.append(f"file={escape(file, prop=True)}")
        if line:
            props.append(f"line={line}")
    props.append(f"title={escape(title, prop=True)}")
    return f"::{level} {','.join(props)}::{escape(message)}"


def place(text: str) -> tuple[str | None, int | None]:
    """The first ``file:line`` a report line names, if any."""
    m = _PLACE.search(text)
    return (m[1], int(m[2])) if m else (None, None)


def comparisons(results: Iterable[Comparison]) -> list[str]:
    """One annotation per difference, at the DDL line or model attribute the report names."""
    out = []
    for c in results:
        title = f"pgcanon: {c.old_label} = {c.new_label}"
        for line in c.lines():
            file, number = place(line)
            out.append(annotation("error", line, title=title, file=file, line=number))
    return out


def review(reports: Iterable[RevisionReport], files: dict[str, str]) -> list[str]:
    """One annotation per finding, on the revision's file (*files*: revision id -> path)."""
    out = []
    for r in reports:
        for f in r.findings:
            level = "error" if f.blocking else "warning"
            out.append(annotation(level, f.describe(), title=f"pgcanon review: {f.rule.code}",
                                  file=files.get(r.revision)))
    return out
