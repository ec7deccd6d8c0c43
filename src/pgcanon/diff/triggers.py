"""Triggers, rules and row-level security policies, by name within their table (or view); event triggers by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.changes import Hazard
from pgcanon.diff.core import DiffOptions, compare_objects, register

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.catalog.model import Snapshot
    from pgcanon.diff.changes import Change


@register("trigger")
def compare_triggers(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Triggers: pg_get_triggerdef text and enabled state (tgenabled)."""
    return compare_objects(old.triggers, new.triggers, options)


@register("policy")
def compare_policies(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Policies: command, permissive, roles, USING, WITH CHECK."""
    return compare_objects(old.policies, new.policies, options, removed_hazards=(Hazard.CHANGES_AUTHORIZATION,))


@register("rule")
def compare_rules(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Rules: pg_get_ruledef text (event, condition, INSTEAD, actions) and enabled state (ev_enabled)."""
    return compare_objects(old.rules, new.rules, options)


@register("event trigger")
def compare_event_triggers(old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterator[Change]:
    """Event triggers: event, WHEN TAG IN tags (a set), function, enabled state, comment."""
    return compare_objects(old.event_triggers, new.event_triggers, options)
