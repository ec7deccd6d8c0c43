"""The generic diff: match objects by key, then compare fields; comparators per kind register here.

A comparator takes the two snapshots and the options and yields changes for its
kind(s).  Kind modules (``tables``, ``columns``…) add themselves to
:data:`COMPARATORS` when :mod:`pgcanon.diff` imports them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from itertools import compress, count, islice
from operator import attrgetter, ne
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pgcanon.diff.changes import Added, Altered, Change, Hazard, Removed

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence

    from pgcanon.catalog.model import Snapshot

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """What the comparison may relax; every default is the strict rule.

    :param ignore_column_order: do not report tables whose live columns are in another order.
    :param ignore_comments: do not compare COMMENT ON text (composite types' attribute comments included).
    :param ignore_privileges: do not compare GRANTs (tables, columns, sequences, functions, schemas…).
    :param ignore_extension_versions: compare extensions by name and schema only.
    :param ignore_owners: do not compare who owns what (``OWNER TO``); the database's owner is always
        compared as ``(database owner)``, whoever it is, even without this.
    :param ignore_extensions: extensions left out of the comparison by name (models cannot declare
        ``pgcrypto``; a server may lack it).
    :param kinds: compare only these object kinds (``"table"``, ``"column"``…); None for all.
    :param strict_kinds: objects of kinds the snapshot does not model (operators, casts…) are an error,
        not a note (:mod:`pgcanon.diff.uncompared`).
    """

    ignore_column_order: bool = False
    ignore_comments: bool = False
    ignore_privileges: bool = False
    ignore_extension_versions: bool = False
    ignore_owners: bool = False
    ignore_extensions: frozenset[str] = frozenset()
    kinds: frozenset[str] | None = None
    strict_kinds: bool = False

    def wants(self, kind: str) -> bool:
        """Whether changes of *kind* are reported."""
        return self.kinds is None or kind in self.kinds

    def ignored_fields(self) -> frozenset[str]:
        """Model fields never compared under these options."""
        ignored: set[str] = set()
        if self.ignore_comments:
            ignored.update(("comment", "attribute_comments"))
        if self.ignore_privileges:
            ignored.add("privileges")
        return frozenset(ignored)


class Comparator(Protocol):
    """Yields the changes of one kind family between two snapshots."""

    def __call__(self, old: Snapshot, new: Snapshot, options: DiffOptions) -> Iterable[Change]: ...


#: kind -> comparator, in report order (kind modules register themselves on import).
COMPARATORS: dict[str, Comparator] = {}


def register(kind: str) -> Callable[[Comparator], Comparator]:
    """Decorator: make *fn* the comparator of *kind*."""

    def deco(fn: Comparator) -> Comparator:
        COMPARATORS[kind] = fn
        return fn

    return deco


def diff_keyed(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable] = lambda o: o.key  # type: ignore[attr-defined]
) -> tuple[list[T], list[T], list[tuple[T, T]]]:
    """Match two collections by key.

    :returns: ``(added, removed, common)``: objects only in *new* (in its order), only
        in *old* (in its order), and ``(old, new)`` pairs present in both (in *old*'s order).
    """
    new_by_key = {key(o): o for o in new}
    old_keys = set()
    removed: list[T] = []
    common: list[tuple[T, T]] = []
    for o in old:
        k = key(o)
        old_keys.add(k)
        n = new_by_key.get(k)
        if n is None:
            removed.append(o)
        else:
            common.append((o, n))
    added = [o for o in new if key(o) not in old_keys]
    return added, removed, common


_COMPARED: dict[type, tuple[str, ...]] = {}


def compared_fields(cls: type) -> tuple[str, ...]:
    """The fields of model class *cls* a comparison looks at: ``compare=True`` and not part of *cls*'s key.

    Key fields are equal on both sides of a matched pair, but only *cls*'s own: an
    extension's key is its name alone, so its ``schema`` is compared.
    """
    names = _COMPARED.get(cls)
    if names is None:
        key = frozenset(getattr(cls, "key_fields", ()))
        names = tuple(f.name for f in dataclasses.fields(cls) if f.compare and f.name not in key)
        _COMPARED[cls] = names
    return names


def group_of(obj: Any) -> str:
    """The report group of *obj*: its table (or view) for the parts of one, else itself.

    A statistics object lives in a schema of its own, which may not be its table's (``table_schema``).
    """
    owner = getattr(obj, "table", None) or getattr(obj, "view", None)
    if owner is None:
        return obj.qualname
    return f"{getattr(obj, 'table_schema', None) or obj.schema}.{owner}"


_key = attrgetter("key")


def _first_difference(old: Sequence[Any], new: Sequence[Any], i: int, j: int) -> int | None:
    """How many pairs ``old[i + d] == new[j + d]`` follow from ``(i, j)`` before the first unequal one;
    None when all of them are equal. The loop runs in C: only the dataclass ``__eq__`` is Python."""
    return next(compress(count(), map(ne, islice(old, i, None), islice(new, j, None))), None)


_LOOKAHEAD = 8


def _realign(
    old: Sequence[T], new: Sequence[T], i: int, j: int, rest_old: list[T], rest_new: list[T]
) -> tuple[int, int]:
    """Step past the objects that differ at ``old[i] != new[j]``, to where the runs of equal pairs go on.

    Tries k = 1, 2… objects apart: k removed (``old[i + k] == new[j]``), k added (``new[j + k] == old[i]``),
    or k altered (``old[i + k] == new[j + k]``); what is stepped over goes to *rest_old* / *rest_new*.
    Beyond :data:`_LOOKAHEAD` apart, one object on each side is left for the walk by key.
    """
    n_old, n_new = len(old), len(new)
    a, b = old[i], new[j]
    for k in range(1, _LOOKAHEAD + 1):
        if i + k < n_old and old[i + k] == b:
            rest_old.extend(old[i : i + k])  # removed (or moved)
            return i + k, j
        if j + k < n_new and new[j + k] == a:
            rest_new.extend(new[j : j + k])  # added (or moved)
            return i, j + k
        if i + k < n_old and j + k < n_new and old[i + k] == new[j + k]:
            rest_old.extend(old[i : i + k])  # altered: the walk by key sorts it out
            rest_new.extend(new[j : j + k])
            return i + k, j + k
    rest_old.append(a)  # more than _LOOKAHEAD objects apart
    rest_new.append(b)
    return i + 1, j + 1


def _key_hashes(objs: Sequence[Any]) -> frozenset[int]:
    """The set of the hashes of *objs*' keys."""
    return frozenset(map(hash, map(_key, objs)))


def without_equal_pairs(old: Sequence[T], new: Sequence[T]) -> tuple[Sequence[T], Sequence[T]]:
    """*old* and *new* without the pairs of equal objects (equal in every compared field, key included).

    Matched by key, such a pair yields no change, so leaving it out changes nothing in the result of
    :func:`compare_objects`, while the walk object by object only sees the rest: the objects that
    differ, usually few. Pairs are found in runs at the same positions (two snapshots of one schema
    are one long run); after a difference, a look up to :data:`_LOOKAHEAD` objects ahead realigns
    the runs.

    This holds only where keys are unique on each side (then matching by key pairs exactly these
    objects); otherwise both sides are returned whole. *old*'s keys are checked by their hashes (no
    key tuples kept alive; a collision merely means the slow way); *new*'s follow from *old*'s for the
    pairs, and the few objects left are checked as such.
    """
    old_hashes = _key_hashes(old)
    if len(old_hashes) != len(old):
        return old, new
    rest_old: list[T] = []
    rest_new: list[T] = []
    i = j = 0
    while (d := _first_difference(old, new, i, j)) is not None:
        i += d
        j += d
        # old[i] != new[j]: keep what differs, and step past it on the side(s) it is on. Runs
        # realign up to _LOOKAHEAD objects apart (k removed, k added, or k altered in a row).
        i, j = _realign(old, new, i, j, rest_old, rest_new)
    tail = min(len(old) - i, len(new) - j)  # the rest is one equal run, then what one side has more
    rest_old += old[i + tail :]
    rest_new += new[j + tail :]
    # The pairs' keys on the new side are old keys, distinct; what is left there must be distinct
    # from one another and from them (an old key not left on the old side).
    rest_old_keys = set(map(_key, rest_old))
    rest_new_keys = list(map(_key, rest_new))
    if len(set(rest_new_keys)) != len(rest_new_keys) or any(
        hash(k) in old_hashes and k not in rest_old_keys for k in rest_new_keys
    ):
        return old, new
    return rest_old, rest_new


def compare_objects(
    old: Sequence[Any],
    new: Sequence[Any],
    options: DiffOptions,
    *,
    skip: frozenset[str] = frozenset(),
    removed_hazards: tuple[Hazard, ...] = (),
    altered: Callable[[Any, Any, str], Iterable[Change] | None] | None = None,
) -> Iterator[Change]:
    """The standard comparison of one kind: added, removed, then one :class:`Altered` per differing field.

    :param skip: fields not to compare (besides those the options ignore).
    :param removed_hazards: hazards of removing such an object.
    :param altered: a hook ``(old_obj, new_obj, field) -> changes`` for fields that need
        more than the generic change; it returns None for the generic change, or the
        changes to report instead (empty to suppress the field).
    """
    added, removed, common = diff_keyed(*without_equal_pairs(old, new))
    for obj in added:
        yield Added(obj.kind, obj.qualname, obj=obj, group=group_of(obj), noun=_noun(obj))
    for obj in removed:
        yield Removed(obj.kind, obj.qualname, obj=obj, group=group_of(obj), hazards=removed_hazards,
                      noun=_noun(obj))
    yield from compare_fields(common, options, skip=skip, altered=altered)


def _noun(obj: Any) -> str:
    return getattr(obj, "noun", "")


def compare_fields(
    pairs: Iterable[tuple[Any, Any]],
    options: DiffOptions,
    *,
    skip: frozenset[str] = frozenset(),
    altered: Callable[[Any, Any, str], Iterable[Change] | None] | None = None,
) -> Iterator[Change]:
    """One :class:`Altered` per differing compared field of each ``(old, new)`` pair (matched by key).

    :param skip: fields not to compare, as for :func:`compare_objects`.
    :param altered: the hook for fields that need more than the generic change, as for :func:`compare_objects`.
    """
    ignored = options.ignored_fields() | skip
    for a, b in pairs:
        if a == b:
            continue
        for name in compared_fields(type(a)):
            if name in ignored:
                continue
            va, vb = getattr(a, name), getattr(b, name)
            if va == vb:
                continue
            custom = altered(a, b, name) if altered is not None else None
            if custom is None:
                yield Altered(a.kind, a.qualname, field=name, old=va, new=vb, group=group_of(a), noun=_noun(a))
            else:
                yield from custom
