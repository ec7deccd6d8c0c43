"""A live database as a source: never built, never written, only read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pgcanon.config import redact
from pgcanon.server import ExternalServer


@dataclass(frozen=True)
class LiveSource:
    """A database given by URL; read in a read-only transaction."""

    kind: ClassVar[str] = "live"

    url: str

    def __post_init__(self) -> None:
        ExternalServer(self.url)  # validates the scheme and syntax now, with a clear message

    @property
    def label(self) -> str:
        return redact(self.url)

    def conninfo(self) -> str:
        return ExternalServer(self.url).conninfo()
