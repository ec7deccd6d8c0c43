"""Text search templates, parsers, dictionaries and configurations, by name within their schema.

A dictionary names its template, a configuration its parser, qualified.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pgcanon.diff.changes import Altered
from pgcanon.diff.core import DiffOptions, compare_objects, group_of, register

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


def _option_order(old: Any, new: Any, name: str) -> Iterable[Change] | None:
    """The same options in another order: reported as an order (the set delta would say nothing)."""
    if name != "options" or set(old.options) != set(new.options):
        return None
    return [Altered(old.kind, old.qualname, field="option_order", old=old.options, new=new.options,
                    group=group_of(old))]


@register("text search template")
def compare_templates(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Templates: their init and lexize functions, comment."""
    return compare_objects(old.text_search_templates, new.text_search_templates, options)


@register("text search parser")
def compare_parsers(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Parsers: their five functions, comment."""
    return compare_objects(old.text_search_parsers, new.text_search_parsers, options)


@register("text search dictionary")
def compare_dictionaries(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Dictionaries: template, options in stored order, comment."""
    return compare_objects(old.text_search_dictionaries, new.text_search_dictionaries, options,
                           altered=_option_order)


def _by_token_type(old: Any, new: Any, name: str) -> Iterable[Change] | None:
    """One change per token type whose mapping differs: a configuration maps a dozen or more of them."""
    if name != "mappings":
        return None
    before = {m.partition(" WITH ")[0]: m for m in old.mappings}
    after = {m.partition(" WITH ")[0]: m for m in new.mappings}
    return [Altered(old.kind, old.qualname, field="mappings", old=tuple(filter(None, [before.get(alias)])),
                    new=tuple(filter(None, [after.get(alias)])), group=group_of(old))
            for alias in sorted(before.keys() | after.keys()) if before.get(alias) != after.get(alias)]


@register("text search configuration")
def compare_configurations(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Configurations: parser, each token type's dictionaries in order, comment."""
    return compare_objects(old.text_search_configurations, new.text_search_configurations, options,
                           altered=_by_token_type)
