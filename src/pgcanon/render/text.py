"""The text report: one line per change, grouped by object, optionally coloured."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.changes import Added, Removed

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from pgcanon.diff.changes import Change

_GREEN, _RED, _YELLOW, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[0m"


def render(
    changes: Iterable[Change],
    old_label: str,
    new_label: str,
    *,
    color: bool = False,
    describe: Callable[[Change], str] | None = None,
) -> str:
    """The report of *changes* between *old_label* and *new_label*, newline-terminated.

    Lines follow the order of *changes* (``diff`` groups them by object).  With no
    change it is one line saying so.

    :param color: ANSI colours (green only in new, red only in old, yellow altered); for terminals only.
    :param describe: words each change (default: ``change.describe(old_label, new_label)``).
    """
    lines = []
    for change in changes:
        line = describe(change) if describe is not None else change.describe(old_label, new_label)
        if change.hazards:
            line += " [" + ", ".join(h.value for h in change.hazards) + "]"
        if color:
            tint = _GREEN if isinstance(change, Added) else _RED if isinstance(change, Removed) else _YELLOW
            line = f"{tint}{line}{_RESET}"
        lines.append(line)
    if not lines:
        return f"no differences between {old_label} and {new_label}\n"
    return "\n".join(lines) + "\n"
