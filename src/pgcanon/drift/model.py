"""What a drift run finds out about each target, as plain data that survives a JSON round trip.

A shard's report is read back by ``pgcanon drift merge``, so a :class:`Result` is
built from the JSON document as exactly as from a live read: the report, its
grouping and its exit code depend only on these objects.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pgcanon.diff.changes import Change

#: How the two sides of a target's comparison are named in its change lines. Neutral words, not the
#: revision or the target, so that the same drift on two targets is the same line and groups.
EXPECTED, FOUND = "expected", "found"


class State(str, enum.Enum):
    """A target's verdict."""

    OK = "ok"  #: matches the head revision (or the canonical schema, without alembic_version)
    BEHIND = "behind"  #: matches the older revision it claims
    DRIFTED = "drifted"  #: differs from the revision it claims
    ERROR = "error"  #: could not be read or judged


@dataclass(frozen=True, slots=True)
class Finding:
    """One difference of a target from what it should be.

    ``change`` is ``added`` (only on the target), ``removed`` (missing from it) or ``altered``;
    ``what`` names the object (``index public.jobs.jobs_video_id_idx``); ``description`` is the
    ``pgcanon diff`` line, with the sides named ``expected`` and ``found``. ``detail`` is the
    change in :mod:`pgcanon.render.json`'s shape, carried into the JSON report.
    """

    change: str
    what: str
    description: str
    detail: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two targets' findings the same drift."""
        return (self.change, self.what, self.description)

    @classmethod
    def of(cls, change: Change) -> Finding:
        from pgcanon.render.json import as_dict

        detail = as_dict(change, EXPECTED, FOUND)
        return cls(change.change, change.what, detail["description"], detail)

    def to_dict(self) -> dict[str, Any]:
        return {**self.detail, "change": self.change, "what": self.what, "description": self.description}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        return cls(str(data["change"]), str(data["what"]), str(data["description"]), dict(data))


@dataclass(frozen=True, slots=True)
class Result:
    """The verdict on one target.

    :param target: the target as printed (password redacted; ``… schema tenant_7`` in schema mode).
    :param name: a short name for lists (the database, ``database.schema`` in schema mode).
    :param revision: the revision its ``alembic_version`` claims; None with no such table, or at base.
    :param versioned: whether the target has an ``alembic_version`` table at all.
    :param compared_with: the source it was compared with (``migrations@REV``, ``schema``).
    :param pending: the revisions after the claimed one up to head, oldest first.
    :param message: what went wrong (``error``), else empty.
    :param findings: the differences (``drifted``), else empty.
    """

    target: str
    name: str
    state: State
    revision: str | None = None
    versioned: bool = False
    compared_with: str | None = None
    pending: tuple[str, ...] = ()
    message: str = ""
    findings: tuple[Finding, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "name": self.name,
            "state": self.state.value,
            "revision": self.revision,
            "versioned": self.versioned,
            "compared_with": self.compared_with,
            "pending": list(self.pending),
            "message": self.message or None,
            "changes": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        return cls(
            target=str(data["target"]),
            name=str(data["name"]),
            state=State(data["state"]),
            revision=data.get("revision"),
            versioned=bool(data.get("versioned")),
            compared_with=data.get("compared_with"),
            pending=tuple(data.get("pending") or ()),
            message=data.get("message") or "",
            findings=tuple(Finding.from_dict(c) for c in data.get("changes") or ()),
        )
