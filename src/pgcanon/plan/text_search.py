"""The plan for text search dictionaries and configurations, their DDL included.

Both are created in the types phase, dictionaries first (a configuration maps token types to them),
before the columns, indexes and views whose ``regconfig`` constants name a configuration, and dropped
last, configurations first, after their users. ALTER TEXT SEARCH DICTIONARY changes a dictionary's
options, not its template; ALTER TEXT SEARCH CONFIGURATION its mappings, not its parser: a dictionary
or configuration whose template or parser changes is dropped and created again when nothing uses it
(pg_depend: ``users``), and refused (a PlanError naming its users) otherwise, as collations are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.diff.core import diff_keyed
from pgcanon.plan.quote import ident

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pgcanon.catalog.model import TextSearchConfiguration, TextSearchDictionary
    from pgcanon.plan.builder import Builder

_DICTIONARY = "TEXT SEARCH DICTIONARY"
_CONFIGURATION = "TEXT SEARCH CONFIGURATION"


# -- dictionaries ----------------------------------------------------------------------------------

def create_dictionary(d: TextSearchDictionary) -> str:
    """CREATE TEXT SEARCH DICTIONARY with its options as stored (each is already ``name = 'value'``)."""
    return f"CREATE {_DICTIONARY} {ident(d.schema, d.name)} ({', '.join((f'TEMPLATE = {d.template}', *d.options))})"


def option_name(item: str) -> str:
    """The name of an option item ``name = 'value'``: quote_identifier's output, quoted only where needed."""
    if item.startswith('"'):
        at = 1
        while True:  # the closing quote is the first one not doubled
            at = item.index('"', at)
            if item[at + 1 : at + 2] != '"':
                return item[: at + 1]
            at += 2
    return item.partition(" = ")[0]


def _altered_options(old: Sequence[str], items: Sequence[str]) -> list[str]:
    """The options after ``ALTER TEXT SEARCH DICTIONARY … (items)``: each item named removes the option
    of that name, and one with a value is then appended (AlterTSDictionary), so an option given a
    new value moves to the end."""
    result = list(old)
    for item in items:
        name = option_name(item)
        result = [o for o in result if option_name(o) != name]
        if item != name:
            result.append(item)
    return result


def dictionary_options(old: TextSearchDictionary, new: TextSearchDictionary) -> str:
    """The ALTER TEXT SEARCH DICTIONARY that gives *old* the options of *new* in *new*'s order: the options
    removed (by name) and those added or changed; when that would leave them in another order, every
    option of *new* again, in order (each is removed and appended)."""
    kept = {option_name(o) for o in new.options}
    removed = [option_name(o) for o in old.options if option_name(o) not in kept]
    items = removed + [o for o in new.options if o not in old.options]
    if _altered_options(old.options, items) != list(new.options):
        items = removed + list(new.options)
    return f"ALTER {_DICTIONARY} {ident(new.schema, new.name)} ({', '.join(items)})"


def _users(users: Sequence[str]) -> str:
    return f"{', '.join(users[:3])}{' …' if len(users) > 3 else ''}"


def _plan_dictionaries(b: Builder) -> set[str]:
    added, _, common = diff_keyed(b.old.text_search_dictionaries, b.new.text_search_dictionaries)
    for d in added:
        b.add("types", create_dictionary(d), f"create text search dictionary {d.qualname}")
    rebuilt = set()
    for o, n in common:
        if o.template != n.template:
            if o.users:
                b.problem(f"text search dictionary {n.qualname}: its template changes ({o.template} -> {n.template}), "
                          f"which ALTER TEXT SEARCH DICTIONARY cannot do, and {_users(o.users)} use it: create a "
                          "dictionary under a new name and map its users to it in a hand-written revision")
                continue
            b.add("types", f"DROP {_DICTIONARY} {ident(o.schema, o.name)}",
                  f"drop text search dictionary {o.qualname} (created again below)")
            b.add("types", create_dictionary(n), f"create text search dictionary {n.qualname}")
            rebuilt.add(n.qualname)
        elif o.options != n.options:
            b.add("types", dictionary_options(o, n), f"options of text search dictionary {n.qualname}")
    return rebuilt


# -- configurations --------------------------------------------------------------------------------

def create_configuration(c: TextSearchConfiguration) -> str:
    """CREATE TEXT SEARCH CONFIGURATION over its parser, with no mappings yet (:func:`mapping_statements`)."""
    return f"CREATE {_CONFIGURATION} {ident(c.schema, c.name)} (PARSER = {c.parser})"


def _mappings(items: Sequence[str]) -> dict[str, str]:
    """Token type alias -> its dictionaries as DDL lists them (the item after ``WITH``)."""
    return dict(item.split(" WITH ", 1) for item in items)  # two parts: the alias has no space


def _grouped(mappings: dict[str, str]) -> dict[str, list[str]]:
    """Dictionary list -> the token types mapped to it (one statement per list)."""
    groups: dict[str, list[str]] = {}
    for alias, dictionaries in mappings.items():
        groups.setdefault(dictionaries, []).append(ident(alias))
    return groups


def mapping_statements(old: Sequence[str], new: TextSearchConfiguration) -> list[str]:
    """The ALTER TEXT SEARCH CONFIGURATION statements that turn mappings *old* into *new*'s: DROP MAPPING
    for the token types it no longer maps, ALTER MAPPING for those mapped otherwise, ADD MAPPING for
    the new ones, token types with the same dictionaries in one statement."""
    at = f"ALTER {_CONFIGURATION} {ident(new.schema, new.name)}"
    before, after = _mappings(old), _mappings(new.mappings)
    statements = []
    gone = [ident(a) for a in before if a not in after]
    if gone:
        statements.append(f"{at} DROP MAPPING FOR {', '.join(gone)}")
    changed = {a: d for a, d in after.items() if a in before and before[a] != d}
    for dictionaries, aliases in _grouped(changed).items():
        statements.append(f"{at} ALTER MAPPING FOR {', '.join(aliases)} WITH {dictionaries}")
    for dictionaries, aliases in _grouped({a: d for a, d in after.items() if a not in before}).items():
        statements.append(f"{at} ADD MAPPING FOR {', '.join(aliases)} WITH {dictionaries}")
    return statements


def _create_configuration(b: Builder, c: TextSearchConfiguration) -> None:
    b.add("types", create_configuration(c), f"create text search configuration {c.qualname}")
    for text in mapping_statements((), c):
        b.add("types", text, f"mappings of text search configuration {c.qualname}")


def _plan_configurations(b: Builder) -> set[str]:
    added, _, common = diff_keyed(b.old.text_search_configurations, b.new.text_search_configurations)
    for c in added:
        _create_configuration(b, c)
    rebuilt = set()
    for o, n in common:
        if o.parser != n.parser:
            if o.users:
                b.problem(f"text search configuration {n.qualname}: its parser changes ({o.parser} -> {n.parser}), "
                          f"which ALTER TEXT SEARCH CONFIGURATION cannot do, and {_users(o.users)} use it: create a "
                          "configuration under a new name and move its users to it in a hand-written revision")
                continue
            b.add("types", f"DROP {_CONFIGURATION} {ident(o.schema, o.name)}",
                  f"drop text search configuration {o.qualname} (created again below)")
            _create_configuration(b, n)
            rebuilt.add(n.qualname)
        elif o.mappings != n.mappings:
            for text in mapping_statements(o.mappings, n):
                b.add("types", text, f"mappings of text search configuration {n.qualname}")
    return rebuilt


def plan_text_search(b: Builder) -> set[str]:
    """Dictionaries, then the configurations that map to them, before the types and tables that may use
    them; returns the qualified names of those dropped and created again (their comments are set anew).
    Those the new schema lacks are :func:`drop_text_search`'s."""
    return _plan_dictionaries(b) | _plan_configurations(b)


def drop_text_search(b: Builder) -> None:
    """DROP the configurations, then the dictionaries, the new schema lacks: after what used them (a
    configuration a dropped index or column named, a dictionary a dropped configuration mapped to)."""
    _, removed, _ = diff_keyed(b.old.text_search_configurations, b.new.text_search_configurations)
    for c in removed:
        b.add("drops", f"DROP {_CONFIGURATION} {ident(c.schema, c.name)}",
              f"drop text search configuration {c.qualname}")
    _, gone, _ = diff_keyed(b.old.text_search_dictionaries, b.new.text_search_dictionaries)
    for d in gone:
        b.add("drops", f"DROP {_DICTIONARY} {ident(d.schema, d.name)}", f"drop text search dictionary {d.qualname}")
