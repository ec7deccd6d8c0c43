"""The plan for text search templates and parsers, the functions dictionaries and configurations are
built on: created first in the types phase (before the dictionaries and configurations of
:mod:`pgcanon.plan.text_search`), dropped after those. ALTER can only rename or move them, so one that
changes is dropped and created again when no dictionary (template) or configuration (parser) of the old
side uses it, and refused with a PlanError naming them otherwise.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pgcanon.diff.core import diff_keyed
from pgcanon.plan.quote import ident

if TYPE_CHECKING:
    from pgcanon.catalog.model import TextSearchParser, TextSearchTemplate
    from pgcanon.plan.builder import Builder


def create_template(t: TextSearchTemplate) -> str:
    init = f"INIT = {t.init}, " if t.init else ""
    return f"CREATE TEXT SEARCH TEMPLATE {ident(t.schema, t.name)} ({init}LEXIZE = {t.lexize})"


def create_parser(p: TextSearchParser) -> str:
    headline = f", HEADLINE = {p.headline}" if p.headline else ""
    return (f"CREATE TEXT SEARCH PARSER {ident(p.schema, p.name)} (START = {p.start}, GETTOKEN = {p.gettoken}, "
            f"END = {p.end}, LEXTYPES = {p.lextypes}{headline})")


def plan_text_search_bases(b: Builder) -> set[str]:
    """Templates and parsers the new side adds or changes; returns the qualified names of those dropped
    and created again (their comments are set anew)."""
    rebuilt: set[str] = set()
    for attr, word, create, users_attr, field in (
        ("text_search_templates", "TEXT SEARCH TEMPLATE", create_template, "text_search_dictionaries", "template"),
        ("text_search_parsers", "TEXT SEARCH PARSER", create_parser, "text_search_configurations", "parser"),
    ):
        added, _, common = diff_keyed(getattr(b.old, attr), getattr(b.new, attr))
        for n in added:
            b.add("types", create(n), f"create {n.kind} {n.qualname}")
        for o, n in common:
            if replace(o, comment=None) == replace(n, comment=None):
                continue  # the comment alone: COMMENT ON (generate's comments)
            users = [u.qualname for u in getattr(b.old, users_attr) if getattr(u, field) == ident(o.schema, o.name)]
            if users:
                b.problem(f"{n.kind} {n.qualname}: its functions change, and ALTER cannot change them; it would be "
                          f"dropped and created again, but {', '.join(sorted(users))} use it: drop and create "
                          "them with it, by hand")
                continue
            b.add("types", f"DROP {word} {ident(o.schema, o.name)}", f"drop {o.kind} {o.qualname} (to create it again)")
            b.add("types", create(n), f"create {n.kind} {n.qualname}")
            rebuilt.add(n.qualname)
    return rebuilt


def drop_text_search_bases(b: Builder) -> None:
    """DROP the templates and parsers the new side lacks, after the dictionaries and configurations (of
    :func:`pgcanon.plan.text_search.drop_text_search`) that used them."""
    for attr, word in (("text_search_templates", "TEXT SEARCH TEMPLATE"),
                       ("text_search_parsers", "TEXT SEARCH PARSER")):
        _, removed, _ = diff_keyed(getattr(b.old, attr), getattr(b.new, attr))
        for o in removed:
            b.add("drops", f"DROP {word} {ident(o.schema, o.name)}", f"drop {o.kind} {o.qualname}")
