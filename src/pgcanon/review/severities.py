"""Which findings fail the review: ``[tool.pgcanon.review]`` and per-revision acceptances.

.. code-block:: toml

    [tool.pgcanon.review]
    errors = ["adding-required-field", "ban-drop-table"]   # exit 1 on these; default: every rule
    ignore = ["renaming-table"]                             # never reported

A rule neither in ``errors`` (when given) nor in ``ignore`` is reported as a warning.
A migration accepts a finding with a reason, in its own file, at module level::

    pgcanon_review_accept = {
        "require-concurrent-index-creation": "jobs is empty when this runs: created in 0007",
    }

An accepted finding is still reported, with its reason, and never fails the review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pgcanon.config import read_section
from pgcanon.errors import ConfigError, MigrationError
from pgcanon.review.rules import Rule

if TYPE_CHECKING:
    from pgcanon.config import Settings
    from pgcanon.review.offline import Step

#: The module-level name a migration file sets to accept findings.
ACCEPT_NAME = "pgcanon_review_accept"


@dataclass(frozen=True)
class Severities:
    """What each rule's findings count as: an error, a warning or ignored (``[tool.pgcanon.review]``), and
    the acceptances read from each revision's module. (An RLS policy is :class:`pgcanon.catalog.Policy`.)"""

    errors: frozenset[Rule] = frozenset(Rule)
    ignore: frozenset[Rule] = frozenset()
    _accepts: dict[str, dict[Rule, str]] = field(default_factory=dict, compare=False)

    def is_error(self, rule: Rule) -> bool:
        return rule in self.errors

    def ignored(self, rule: Rule) -> bool:
        return rule in self.ignore

    def accepted(self, step: Step, rule: Rule) -> str | None:
        """The reason *step*'s migration gives for accepting *rule*, or None."""
        if step.revision not in self._accepts:
            self._accepts[step.revision] = accepts_of(step)
        return self._accepts[step.revision].get(rule)


def _rules(value: object, key: str) -> frozenset[Rule]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"pyproject.toml [tool.pgcanon.review] {key}: expected a list of rule codes")
    unknown = [v for v in value if Rule.by_code(v) is None]
    if unknown:
        raise ConfigError(
            f"pyproject.toml [tool.pgcanon.review] {key}: unknown rule {', '.join(map(repr, unknown))}\n"
            f"  known rules: {', '.join(r.code for r in Rule)}"
        )
    return frozenset(Rule(v) for v in value)  # type: ignore[call-arg]  # a lookup by code, checked above


def load_severities(settings: Settings) -> Severities:
    """Read ``[tool.pgcanon.review]`` from the project's pyproject.toml.

    :raises ConfigError: on a malformed section or an unknown rule code.
    """
    section = read_section(settings.root, "review")
    unknown_keys = set(section) - {"errors", "ignore"}
    if unknown_keys:
        raise ConfigError(f"pyproject.toml [tool.pgcanon.review]: unknown key(s) {', '.join(sorted(unknown_keys))}")
    errors = _rules(section["errors"], "errors") if "errors" in section else frozenset(Rule)
    ignore = _rules(section.get("ignore", []), "ignore")
    return Severities(errors=errors, ignore=ignore)


def accepts_of(step: Step) -> dict[Rule, str]:
    """The revision's ``pgcanon_review_accept``, checked.

    :raises MigrationError: naming the revision when it is not a dict of known rule codes to reasons.
    """
    raw = getattr(step.script.module, ACCEPT_NAME, {})
    where = f"revision {step.revision} ({step.script.path}): {ACCEPT_NAME}"
    if not isinstance(raw, dict):
        raise MigrationError(f"{where} must be a dict of rule code to reason", revision=step.revision)
    out: dict[Rule, str] = {}
    for code, reason in raw.items():
        rule = Rule.by_code(code) if isinstance(code, str) else None
        if rule is None:
            raise MigrationError(f"{where}: unknown rule {code!r}", revision=step.revision)
        if not isinstance(reason, str) or not reason.strip():
            raise MigrationError(f"{where}: {code!r} needs a reason (a non-empty string)", revision=step.revision)
        out[rule] = reason.strip()
    return out
