"""One line per disagreement between models and DDL, naming the model attribute and the DDL line.

``videos.filename: declared by videodb.models.video.Video.filename, no such column in schema/create_schema.sql``
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pgcanon.diff.changes import Added, Altered, Removed

if TYPE_CHECKING:
    from pgcanon.diff.changes import Change
    from pgcanon.orm.declared import Declared
    from pgcanon.orm.located import Located


def short(name: str) -> str:
    """``public.videos.title`` -> ``videos.title``: the public schema is what everyone assumes."""
    return name[len("public."):] if name.startswith("public.") else name


@dataclass(frozen=True)
class OrmExplainer:
    """Describes changes of a diff between the DDL (one side) and the models (the other)."""

    ddl_label: str
    orm_label: str
    declared: Declared
    located: Located
    ddl_is_old: bool = True

    def _ddl(self, change: Change) -> str:
        return self.located.get((change.kind, change.name)) or self.ddl_label

    def _model(self, change: Change) -> str:
        found = self.declared.get((change.kind, change.name))
        if found:
            return found
        table = change.group or change.name.rsplit(".", 1)[0]
        owner = self.declared.get(("table", table))
        return owner or self.orm_label

    def only_in_models(self, change: Change) -> bool:
        """Whether an added or removed object exists in the models only (else in the DDL only)."""
        return isinstance(change, Added) == self.ddl_is_old

    def __call__(self, change: Change) -> str:
        what = f"{change.kind} {short(change.name)}"
        if isinstance(change, (Added, Removed)):
            if self.only_in_models(change):
                return f"{what}: declared by {self._model(change)}, no such {change.kind} in {self.ddl_label}"
            if change.kind == "table":
                return f"{what} ({self._ddl(change)}): no model maps it"
            return f"{what} ({self._ddl(change)}): not declared by {self._model(change)}"
        assert isinstance(change, Altered)
        ddl, model = self._ddl(change), self._model(change)
        line = change.describe(ddl, model) if self.ddl_is_old else change.describe(model, ddl)
        hint = _hint(change, self.ddl_is_old)
        return f"{line.replace(change.name, short(change.name), 1)}{'; ' + hint if hint else ''}"


def _hint(change: Altered, ddl_is_old: bool) -> str | None:
    """The fix for the model mistakes everyone makes once (the seed's outage had two of them)."""
    ddl, model = (change.old, change.new) if ddl_is_old else (change.new, change.old)
    if change.kind == "enum" and isinstance(ddl, tuple) and isinstance(model, tuple):
        if [str(v).lower() for v in ddl] == [str(v).lower() for v in model] and ddl != model:
            return "the model stores member names: map it with values_callable=lambda e: [m.value for m in e]"
    if change.field == "default" and isinstance(ddl, str) and isinstance(model, str):
        if model.startswith("'") and model.split("'")[1].lower() == ddl.lower().strip("()"):
            return f"server_default is a string literal: write server_default=text({ddl!r})"
    return None
