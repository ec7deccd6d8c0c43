"""The catalog snapshot: read a database's schema into frozen model objects.

``read_snapshot(conninfo)`` is the entry point; the model lives in
:mod:`pgcanon.catalog.model`.
"""

from __future__ import annotations

from pgcanon.catalog.model import (
    KINDS,
    Collation,
    Column,
    CompositeType,
    Constraint,
    Domain,
    Enum,
    EventTrigger,
    Extension,
    ForeignColumn,
    ForeignDataWrapper,
    ForeignServer,
    ForeignTable,
    Function,
    Index,
    NotCompared,
    Policy,
    Range,
    Rule,
    Schema,
    Sequence,
    Snapshot,
    Statistics,
    Table,
    Trigger,
    UserMapping,
    View,
    ViewColumn,
)
from pgcanon.catalog.reader import read_snapshot

__all__ = [
    "KINDS",
    "Collation",
    "Column",
    "CompositeType",
    "Constraint",
    "Domain",
    "Enum",
    "EventTrigger",
    "Extension",
    "ForeignColumn",
    "ForeignDataWrapper",
    "ForeignServer",
    "ForeignTable",
    "Function",
    "Index",
    "NotCompared",
    "Policy",
    "Range",
    "Rule",
    "Schema",
    "Sequence",
    "Snapshot",
    "Statistics",
    "Table",
    "Trigger",
    "UserMapping",
    "View",
    "ViewColumn",
    "read_snapshot",
]
