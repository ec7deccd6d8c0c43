"""The plan for SQL/MED: foreign data wrappers, foreign servers and user mappings, their DDL included,
and the ``OPTIONS`` clauses of all four kinds (foreign tables are :mod:`pgcanon.plan.foreign_tables`').

Wrappers, servers and user mappings are created after the functions (a wrapper names its handler and
validator), and dropped in this order before the rest of the drops (the functions and extensions they
use). A server whose wrapper or type changes is created again only when nothing uses it: a PlanError
otherwise.

Options are ordered lists: ``OPTIONS (DROP …, SET …, ADD …)`` keeps those that stay where they are,
and drops and adds again what would otherwise end up in another order. A secret option (a password)
is known only by its digest (:mod:`pgcanon.catalog.foreign`): a plan that would have to write its value
is refused with a PlanError saying which one to set by hand; the value is never printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgcanon.catalog.foreign import SECRET_OPTION
from pgcanon.diff.core import diff_keyed
from pgcanon.plan.quote import ident, literal, role

if TYPE_CHECKING:
    from pgcanon.catalog.foreign import ForeignDataWrapper, ForeignServer, UserMapping
    from pgcanon.plan.builder import Builder


def _items(options: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(key, value) for key, _, value in (o.partition("=") for o in options)]


def _secret(key: str, value: str) -> bool:
    return SECRET_OPTION.match(f"{key}={value}") is not None


class Options:
    """The ``OPTIONS (…)`` clauses of one object, and the secrets they would have to write (``secrets``)."""

    def __init__(self) -> None:
        self.secrets: list[str] = []

    def _value(self, key: str, value: str) -> str:
        if _secret(key, value):
            self.secrets.append(key)
        return f"{ident(key)} {literal(value)}"

    def create(self, options: tuple[str, ...]) -> str:
        """`` OPTIONS (k 'v', …)`` for CREATE, empty for no options."""
        if not options:
            return ""
        return f" OPTIONS ({', '.join(self._value(k, v) for k, v in _items(options))})"

    def alter(self, old: tuple[str, ...], new: tuple[str, ...]) -> str | None:
        """``OPTIONS (DROP …, SET …, ADD …)`` turning *old* into *new* (both in order); None when equal."""
        if old == new:
            return None
        before, after = dict(_items(old)), dict(_items(new))
        kept = [k for k in before if k in after]
        order = list(after)
        same = 0  # the options that stay, in the same place: ADD appends, so what follows goes and comes back
        while same < min(len(kept), len(order)) and kept[same] == order[same]:
            same += 1
        stay = set(order[:same])
        ops = [f"DROP {ident(k)}" for k in before if k not in stay]
        ops += [f"SET {self._value(k, after[k])}" for k in order[:same] if before[k] != after[k]]
        ops += [f"ADD {self._value(k, after[k])}" for k in order[same:]]
        return f"OPTIONS ({', '.join(ops)})"


def _refuse_secrets(b: Builder, what: str, options: Options, fix: str) -> bool:
    """A PlanError when *options* had to write a secret; True when it did."""
    if not options.secrets:
        return False
    b.problem(f"{what}: option {', '.join(options.secrets)} is a secret, which pgcanon never reads (it compares "
              f"a digest): write {fix} with the secret in a hand-written revision")
    return True


# -- foreign data wrappers -------------------------------------------------------------------------

def create_wrapper(w: ForeignDataWrapper) -> str:
    text = f"CREATE FOREIGN DATA WRAPPER {ident(w.name)}"
    if w.handler is not None:
        text += f" HANDLER {w.handler}"
    if w.validator is not None:
        text += f" VALIDATOR {w.validator}"
    return text + Options().create(w.options)


def _plan_wrappers(b: Builder) -> None:
    added, _, common = diff_keyed(b.old.foreign_data_wrappers, b.new.foreign_data_wrappers)
    for w in added:
        b.add("functions", create_wrapper(w), f"create foreign data wrapper {w.name}")
    for o, n in common:
        at = f"ALTER FOREIGN DATA WRAPPER {ident(n.name)}"
        if o.handler != n.handler:
            b.add("functions", f"{at} {f'HANDLER {n.handler}' if n.handler else 'NO HANDLER'}",
                  f"handler of foreign data wrapper {n.name}")
        if o.validator != n.validator:
            b.add("functions", f"{at} {f'VALIDATOR {n.validator}' if n.validator else 'NO VALIDATOR'}",
                  f"validator of foreign data wrapper {n.name}")
        clause = Options().alter(o.options, n.options)
        if clause is not None:
            b.add("functions", f"{at} {clause}", f"options of foreign data wrapper {n.name}")


# -- servers ---------------------------------------------------------------------------------------

def create_server(s: ForeignServer, options: Options) -> str:
    text = f"CREATE SERVER {ident(s.name)}"
    if s.server_type is not None:
        text += f" TYPE {literal(s.server_type)}"
    if s.version is not None:
        text += f" VERSION {literal(s.version)}"
    return f"{text} FOREIGN DATA WRAPPER {ident(s.wrapper)}{options.create(s.options)}"


def _server_users(b: Builder, s: ForeignServer) -> list[str]:
    """What in the old schema uses server *s*: user mappings and foreign tables."""
    users = [f"user mapping {m.qualname}" for m in b.old.user_mappings if m.server == s.name]
    return users + [f"foreign table {t.qualname}" for t in b.old.foreign_tables if t.server == s.name]


def _plan_servers(b: Builder) -> set[str]:
    """Servers; returns the names of those dropped and created again (comments, privileges set anew)."""
    added, _, common = diff_keyed(b.old.foreign_servers, b.new.foreign_servers)
    rebuilt = set()
    for o, n in common:
        if (o.wrapper, o.server_type) != (n.wrapper, n.server_type):
            users = _server_users(b, o)
            if users:
                b.problem(f"foreign server {n.name}: its wrapper or type changes, which ALTER SERVER cannot "
                          f"do, and {', '.join(users[:3])}{' …' if len(users) > 3 else ''} use it: create a server "
                          "under a new name and move them to it in a hand-written revision")
                continue
            b.add("functions", f"DROP SERVER {ident(o.name)}", f"drop foreign server {o.name} (created again below)")
            added.append(n)
            rebuilt.add(n.name)
            continue
        at = f"ALTER SERVER {ident(n.name)}"
        if o.version != n.version:
            b.add("functions", f"{at} VERSION {literal(n.version) if n.version is not None else 'NULL'}",
                  f"version of foreign server {n.name}")
        options = Options()
        clause = options.alter(o.options, n.options)
        if clause is not None and not _refuse_secrets(b, f"foreign server {n.name}", options,
                                                      f"ALTER SERVER {ident(n.name)} OPTIONS (…)"):
            b.add("functions", f"{at} {clause}", f"options of foreign server {n.name}")
    for s in added:
        options = Options()
        text = create_server(s, options)
        if not _refuse_secrets(b, f"foreign server {s.name}", options, f"CREATE SERVER {ident(s.name)} … OPTIONS (…)"):
            b.add("functions", text, f"create foreign server {s.name}")
    return rebuilt


# -- user mappings ---------------------------------------------------------------------------------

def _mapping(m: UserMapping) -> str:
    return f"USER MAPPING FOR {role(m.user)} SERVER {ident(m.server)}"


def _plan_user_mappings(b: Builder) -> None:
    added, _, common = diff_keyed(b.old.user_mappings, b.new.user_mappings)
    for o, n in common:
        if o.options == n.options:
            continue  # None on both sides: hidden from the reader on both, and compared equal
        if o.options is None or n.options is None:
            b.problem(f"user mapping {n.qualname}: its options are hidden from the role reading the catalog "
                      "(pg_user_mappings shows them to the mapped user, the server's owner and superusers)")
            continue
        options = Options()
        clause = options.alter(o.options, n.options)
        if clause is not None and not _refuse_secrets(b, f"user mapping {n.qualname}", options,
                                                      f"ALTER {_mapping(n)} OPTIONS (…)"):
            b.add("functions", f"ALTER {_mapping(n)} {clause}", f"options of user mapping {n.qualname}")
    for m in added:
        if m.options is None:
            b.problem(f"user mapping {m.qualname}: its options are hidden from the role reading the catalog")
            continue
        options = Options()
        text = f"CREATE {_mapping(m)}{options.create(m.options)}"
        if not _refuse_secrets(b, f"user mapping {m.qualname}", options, f"CREATE {_mapping(m)} OPTIONS (…)"):
            b.add("functions", text, f"create user mapping {m.qualname}")


def plan_wrappers_and_servers(b: Builder) -> set[str]:
    """Wrappers, servers and user mappings (dropped by :func:`drop_foreign`), after the functions they
    name; returns the names of the servers created again."""
    _plan_wrappers(b)
    rebuilt = _plan_servers(b)
    _plan_user_mappings(b)
    return rebuilt


def drop_foreign(b: Builder) -> None:
    """DROP the user mappings, servers and wrappers the new schema lacks, in this order and before the other
    drops (the functions and extensions they use); the foreign tables are
    :func:`~pgcanon.plan.foreign_tables.plan_foreign_tables`'."""
    first = len(b.phases["drops"])
    for m in diff_keyed(b.old.user_mappings, b.new.user_mappings)[1]:
        b.add("drops", f"DROP {_mapping(m)}", f"drop user mapping {m.qualname}")
    for s in diff_keyed(b.old.foreign_servers, b.new.foreign_servers)[1]:
        b.add("drops", f"DROP SERVER {ident(s.name)}", f"drop foreign server {s.name}")
    for w in diff_keyed(b.old.foreign_data_wrappers, b.new.foreign_data_wrappers)[1]:
        b.add("drops", f"DROP FOREIGN DATA WRAPPER {ident(w.name)}", f"drop foreign data wrapper {w.name}")
    drops = b.phases["drops"][first:]
    b.phases["drops"][:] = drops + b.phases["drops"][:first]
