"""Changes: what differs between two snapshots, as typed data that explains itself in one line.

``old`` and ``new`` name the two sides everywhere: :class:`Added` is an object only
in the new snapshot, :class:`Removed` one only in the old, :class:`Altered` one
field of an object present in both.  Renderers (``pgcanon.render``) consume these;
nothing here produces DDL.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Hazard(enum.Enum):
    """What applying a change, or running a reviewed statement, risks; the CLI may refuse or warn by type.

    One enum for the diff (on its changes) and the migration review (on its rules,
    :mod:`pgcanon.review.rules`); the values are the words the text reports print.
    """

    DELETES_DATA = "deletes data"
    REWRITES_TABLE = "may rewrite the table"
    TAKES_ACCESS_EXCLUSIVE_LOCK = "takes an ACCESS EXCLUSIVE lock"
    CHANGES_AUTHORIZATION = "changes who may do what"
    VALIDATES_DATA = "must check existing rows"
    BLOCKS_WRITES = "blocks writes to the table while it runs"
    BREAKS_CLIENTS = "breaks application code that still uses the old name"
    FAILS_ON_DATA = "fails when the table has rows"
    FAILS_IN_TRANSACTION = "fails inside a transaction block"


#: Fields compared as sets: their report lists what is only on each side.
SET_FIELDS = frozenset({"privileges", "options", "config", "roles", "checks", "index_options", "attribute_comments",
                        "tags", "mappings", "tables", "schemas",
                        "operators", "functions"})

#: Human names for model fields, where the field name alone reads badly.
FIELD_LABELS = {
    "not_null": "NOT NULL",
    "not_null_name": "NOT NULL constraint name",
    "rls_enabled": "row level security",
    "rls_forced": "forced row level security",
    "identity_options": "identity sequence",
    "data_type": "type",
    "view_kind": "kind",
    "table_kind": "kind",
    "routine_kind": "kind",
    "constraint_type": "type",
    "with_check": "WITH CHECK",
    "using": "USING",
    "statistics": "statistics target",
    "index_options": "index options",
    "table_schema": "table schema",
    "lc_collate": "LC_COLLATE",
    "lc_ctype": "LC_CTYPE",
    "rules": "ICU rules",
    "inherited": "only inherited",
    "subtype_opclass": "subtype operator class",
    "canonical": "canonical function",
    "subtype_diff": "subtype_diff function",
    "multirange": "multirange type",
    "option_order": "order of options",
    "mappings": "mapping",
    "all_tables": "FOR ALL TABLES",
    "via_partition_root": "publish_via_partition_root",
    "generated_columns": "publish_generated_columns",
    "schemas": "tables in schemas",
    "restrict": "RESTRICT estimator",
    "join": "JOIN estimator",
    "hashes": "HASHES",
    "merges": "MERGES",
    "default_class": "DEFAULT",
    "handler": "handler function",
    "validator": "validator function",
    "wrapper": "foreign data wrapper",
    "server_type": "type",
}

#: Fields where None is the server's default, worded so rather than "none".
DEFAULT_WHEN_NONE = frozenset({"statistics", "storage", "compression"})

_EXCERPT = 100


@dataclass(frozen=True, slots=True)
class Change:
    """One difference, about the object ``kind`` ``name`` (qualified, e.g. ``public.videos.title``).

    ``group`` is the object the change belongs with in a report (a column's table).
    ``noun`` is how the line names the kind when the kind alone would mislead (a
    view's column is of kind ``column``, worded ``view column``).
    """

    kind: str
    name: str
    group: str = field(default="", kw_only=True)
    hazards: tuple[Hazard, ...] = field(default=(), kw_only=True)
    noun: str = field(default="", kw_only=True)

    def describe(self, old_label: str, new_label: str) -> str:  # pragma: no cover - abstract
        """One line naming the object and saying what differs between *old_label* and *new_label*."""
        raise NotImplementedError

    @property
    def change(self) -> str:
        """``added``, ``removed`` or ``altered``."""
        return type(self).__name__.lower()

    @property
    def what(self) -> str:
        """The object as a report line names it: its noun (or kind) and name."""
        return f"{self.noun or self.kind} {self.name}"


@dataclass(frozen=True, slots=True)
class Added(Change):
    """An object that exists only in the new snapshot."""

    obj: Any = None

    def describe(self, old_label: str, new_label: str) -> str:
        return f"{self.what}: only in {new_label}"


@dataclass(frozen=True, slots=True)
class Removed(Change):
    """An object that exists only in the old snapshot."""

    obj: Any = None

    def describe(self, old_label: str, new_label: str) -> str:
        return f"{self.what}: only in {old_label}"


@dataclass(frozen=True, slots=True)
class Altered(Change):
    """One field of an object present on both sides differs; ``hint`` says how to fix it when useful."""

    field: str = ""
    old: Any = None
    new: Any = None
    hint: str | None = None

    def describe(self, old_label: str, new_label: str) -> str:
        label = FIELD_LABELS.get(self.field, self.field.replace("_", " "))
        head = f"{self.what}: {label}"
        if self.field in SET_FIELDS:
            text = f"{head} {_set_delta(self.old, self.new, old_label, new_label)}"
        elif isinstance(self.old, tuple) or isinstance(self.new, tuple):
            text = f"{head} ({old_label}: {_items(self.old)}) vs ({new_label}: {_items(self.new)})"
        else:
            old, new = _excerpts(self.old, self.new)
            if self.field in DEFAULT_WHEN_NONE:
                old, new = ("default" if v is None else s for v, s in ((self.old, old), (self.new, new)))
            text = f"{head} {old} ({old_label}) vs {new} ({new_label})"
        if self.hint:
            text += f"; {self.hint}"
        return text


@dataclass(frozen=True, slots=True)
class SecretAltered(Altered):
    """A secret option (a password) differs: the line names the option and never a value, and ``old`` and
    ``new`` stay None, so that no report (text, JSON) can show the secret."""

    option: str = ""

    @property
    def change(self) -> str:
        return "altered"  # the JSON report's shape knows added, removed and altered only

    def describe(self, old_label: str, new_label: str) -> str:
        return f"{self.what}: option {self.option} differs (a secret: values not shown)"


def _items(values: tuple[Any, ...] | None) -> str:
    return ", ".join(str(v) for v in values) if values else "none"


def _set_delta(old: tuple[Any, ...], new: tuple[Any, ...], old_label: str, new_label: str) -> str:
    only_old = [v for v in old if v not in new]
    only_new = [v for v in new if v not in old]
    parts = []
    if only_old:
        parts.append(f"{', '.join(map(str, only_old))} only in {old_label}")
    if only_new:
        parts.append(f"{', '.join(map(str, only_new))} only in {new_label}")
    return "; ".join(parts) or "differ"


def _scalar(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _excerpts(old: Any, new: Any) -> tuple[str, str]:
    """Both values as short one-line text; long or multi-line strings are cut around their first difference."""
    if not (isinstance(old, str) and isinstance(new, str)):
        return _scalar(old), _scalar(new)
    if len(old) <= _EXCERPT and len(new) <= _EXCERPT and "\n" not in old + new:
        if old == old.strip() and new == new.strip():
            return old, new
        # whitespace at an end would be invisible: function bodies differ by a byte
        return repr(old), repr(new)
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    start = max(0, at - 20)

    def cut(s: str) -> str:
        piece = s[start : start + _EXCERPT]
        text = repr(piece)
        return ("…" if start else "") + text + ("…" if start + _EXCERPT < len(s) else "")

    return f"{cut(old)} at character {at + 1}", cut(new)
