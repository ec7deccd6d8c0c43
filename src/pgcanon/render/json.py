"""The JSON report; its shape is a stable interface.

.. code-block:: text

    {
      "old": "<old label>",
      "new": "<new label>",
      "equal": true | false,
      "changes": [
        {
          "kind": "column",                  # schema, extension, enum, domain, composite type, sequence,
                                             # table, column, constraint, index, view, function, trigger, policy,
                                             # foreign data wrapper, foreign server, user mapping, foreign table…
          "name": "public.videos.title",     # qualified; functions as schema.name(argument types)
          "change": "added" | "removed" | "altered",
          "field": "type" | null,            # the differing field, for "altered" only
          "old": <value> | null,             # altered: the old value; removed: the object (as an object)
          "new": <value> | null,             # altered: the new value; added: the object (as an object)
          "hazards": ["DELETES_DATA", ...],  # Hazard names, possibly empty
          "hint": "fix: ..." | null,         # how to fix, when known
          "description": "column public.videos.title: only in b"   # the text report's line
        }
      ],
      "not_compared": [                      # only when a side holds objects of kinds pgcanon does not
        {"kind": "operator", "old": 2, "new": 2}   # model (extension members aside): objects per side
      ]
    }

Values are JSON scalars, or arrays for list-valued fields (labels, privileges…).
Objects (for added/removed) carry their model fields by name.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from pgcanon.diff.changes import Added, Altered, Removed

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from pgcanon.diff.changes import Change


def _obj(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    return obj


def as_dict(change: Change, old_label: str, new_label: str) -> dict[str, Any]:
    """One change in the documented shape."""
    return {
        "kind": change.kind,
        "name": change.name,
        "change": change.change,
        "field": change.field if isinstance(change, Altered) else None,
        "old": change.old if isinstance(change, Altered) else _obj(change.obj) if isinstance(change, Removed) else None,
        "new": change.new if isinstance(change, Altered) else _obj(change.obj) if isinstance(change, Added) else None,
        "hazards": [h.name for h in change.hazards],
        "hint": change.hint if isinstance(change, Altered) else None,
        "description": change.describe(old_label, new_label),
    }


def render(
    changes: Iterable[Change],
    old_label: str,
    new_label: str,
    *,
    describe: Callable[[Change], str] | None = None,
    notes: Sequence[str] = (),
    not_compared: Sequence[tuple[str, int, int]] = (),
) -> str:
    """*changes* as the documented JSON document (indented, newline-terminated).

    :param describe: words each change's ``description`` (default: ``change.describe``).
    :param notes: said about the comparison as a whole; the key appears only when there are notes.
    :param not_compared: ``(kind, old count, new count)`` of the kinds not modelled; the key appears only
        when there are some.
    """
    items = []
    for c in changes:
        item = as_dict(c, old_label, new_label)
        if describe is not None:
            item["description"] = describe(c)
        items.append(item)
    doc: dict[str, Any] = {"old": old_label, "new": new_label, "equal": not items, "changes": items}
    if notes:
        doc["notes"] = list(notes)
    if not_compared:
        doc["not_compared"] = [{"kind": kind, "old": a, "new": b} for kind, a, b in not_compared]
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
