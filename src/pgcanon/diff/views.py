"""Views and materialized views, with what is attached to their columns."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from pgcanon.diff.core import DiffOptions, compare_fields, compare_objects, diff_keyed, register, without_equal_pairs

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot, ViewColumn
    from pgcanon.diff.changes import Change


def _bare(column: ViewColumn) -> ViewColumn:
    """*column* with nothing attached: how a column the other side's view lacks compares."""
    return dataclasses.replace(column, default=None, comment=None, privileges=())


def compare_view_columns(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """The comments, privileges and defaults of view columns, as ``column`` changes worded ``view column``.

    Which columns a view has follows from its definition, compared with the view: a
    column only one side's view has is never reported as added or removed, only what
    is attached to it (compared with nothing attached). Columns of a view that is
    itself only on one side are that view's change.
    """
    rest_old, rest_new = without_equal_pairs(old.view_columns, new.view_columns)
    if not rest_old and not rest_new:
        return
    both = {v.key for v in old.views} & {v.key for v in new.views}
    added, removed, common = diff_keyed(rest_old, rest_new)
    pairs = common + [(c, _bare(c)) for c in removed if (c.schema, c.view) in both]
    pairs += [(_bare(c), c) for c in added if (c.schema, c.view) in both]
    pairs.sort(key=lambda p: p[0].key)
    yield from compare_fields(pairs, options)


@register("view")
def compare_views(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Views by name: kind, pg_get_viewdef text, options, comment, privileges, CLUSTER ON; then their columns."""
    yield from compare_objects(old.views, new.views, options)
    yield from compare_view_columns(old, new, options)
