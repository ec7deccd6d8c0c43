"""``pgcanon drift`` and ``pgcanon drift merge``: the commands, typed; the CLI only parses into them.

A run has three phases, so that the project's ``env.py`` never runs while a target is
being read (see :class:`~pgcanon.drift.judge.References`):

1. read every target's ``alembic_version`` (concurrently, at most ``jobs`` at a time);
2. build each reference those claims name, once, one after the other;
3. read every target's catalog and judge it (concurrently again). ``alembic_version`` is
   read a second time: a target migrated between the phases is an error, not a false drift.

Memory stays at ``jobs`` snapshots plus the report: a target's snapshot is dropped as soon
as it is judged. A database read in schema mode is read once for all its tenant schemas.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pgcanon.config import RELAXATIONS
from pgcanon.drift import targets as targets_mod
from pgcanon.drift.judge import History, References, failed, judge, reference_spec
from pgcanon.drift.merge import merge as merge_reports
from pgcanon.drift.model import Result
from pgcanon.drift.read import (
    Claim,
    Limits,
    read_claims,
    read_database,
    read_only_conninfo,
)
from pgcanon.drift.report import Report, render
from pgcanon.drift.tenant import CANONICAL
from pgcanon.errors import ConfigError, PgcanonError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from pgcanon.config import Settings
    from pgcanon.diff import DiffOptions
    from pgcanon.drift.targets import Target



def _number(section: Mapping[str, object], key: str, given: float | None, default: float) -> float:
    if given is not None:
        value: object = given
    else:
        value = section.get(key, section.get(key.replace("_", "-"), default))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigError(f"[tool.pgcanon.drift] {key} / --{key.replace('_', '-')}: expected a positive number")
    return float(value)


def _pool_map(jobs: int, fn: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="pgcanon-drift")
    try:
        return list(pool.map(fn, items))
    finally:
        # Ctrl-C: the targets not started are not started; those being read end within their limits.
        pool.shutdown(wait=True, cancel_futures=True)


def _schema(target: Target) -> str:
    return target.schema if target.schema is not None else CANONICAL


def _read_claims(group: list[Target], limits: Limits) -> dict[Target, Claim | BaseException]:
    try:
        claims = read_claims(read_only_conninfo(group[0].url, limits), sorted({_schema(t) for t in group}))
    except Exception as exc:  # noqa: BLE001 - one target's failure is that target's error line
        return {t: exc for t in group}
    return {t: claims[_schema(t)] for t in group}


def _check_database(
    group: list[Target],
    claims: Mapping[Target, Claim | BaseException],
    limits: Limits,
    history: History,
    references: References,
    options: DiffOptions,
) -> list[Result]:
    results = [failed(t, c) for t in group if isinstance((c := claims[t]), BaseException)]
    readable = [t for t in group if isinstance(claims[t], Claim)]
    if not readable:
        return results
    conninfo = read_only_conninfo(group[0].url, limits)
    try:
        snapshot = read_database(conninfo)
        again = read_claims(conninfo, sorted({_schema(t) for t in readable}))
    except Exception as exc:  # noqa: BLE001 - unreachable now, permission denied on the catalog, timeout…
        return results + [failed(t, exc, claim=claims[t]) for t in readable]  # type: ignore[arg-type]
    for t in readable:
        claim, now_claim = claims[t], again[_schema(t)]
        assert isinstance(claim, Claim)
        if isinstance(now_claim, BaseException):  # its grant revoked between the phases
            results.append(failed(t, now_claim, claim=claim))
            continue
        if now_claim != claim:
            was, now = (", ".join(c.revisions) or ("base" if c.versioned else "none") for c in (claim, now_claim))
            results.append(failed(t, PgcanonError(
                f"alembic_version changed while the target was read ({was} → {now}): a migration ran; run drift again"
            ), claim=claim))
            continue
        try:
            results.append(judge(t, claim, snapshot, history, references, options))
        except Exception as exc:  # noqa: BLE001 - a bug judging one target must not hide the others
            results.append(failed(t, exc, claim=claim))
    return results


def check_targets(
    settings: Settings,
    targets: Sequence[Target],
    *,
    options: DiffOptions,
    limits: Limits,
    jobs: int,
    roles: tuple[str, ...] = (),
) -> list[Result]:
    """Judge every target in *targets*; failures are ``error`` results, never exceptions."""
    history = History.load(settings)
    groups: dict[str, list[Target]] = {}
    for t in targets:
        groups.setdefault(t.url, []).append(t)
    claims: dict[Target, Claim | BaseException] = {}
    for part in _pool_map(jobs, lambda g: _read_claims(g, limits), groups.values()):
        claims.update(part)
    specs = set()
    for claim in claims.values():
        if isinstance(claim, Claim):
            try:
                specs.add(reference_spec(claim, history)[0])
            except ConfigError:
                pass  # judged (as an error) in phase 3
    references = References(settings, roles)
    references.prepare(specs)
    results: list[Result] = []
    for part in _pool_map(
        jobs, lambda g: _check_database(g, claims, limits, history, references, options), groups.values()
    ):
        results.extend(part)
    return results


def drift(
    settings: Settings,
    out: TextIO,
    *,
    target: Sequence[str] = (),
    targets_file: Sequence[str] = (),
    databases_like: str | None = None,
    schemas_like: str | None = None,
    shard: str | None = None,
    jobs: int | None = None,
    allow_behind: bool = False,
    fmt: str = "text",
    roles: Sequence[str] = (),
    connect_timeout: float | None = None,
    statement_timeout: float | None = None,
    lock_timeout: float | None = None,
    **relaxations: bool,
) -> int:
    """Compare many live databases with the revision each claims: ok, behind, drifted, or error.

    Exit 0 when every target is ok (or behind, with --allow-behind), 1 when any drifted
    (or is behind), 2 when any could not be read.
    """
    from pgcanon.diff import DiffOptions

    unknown = set(relaxations) - set(RELAXATIONS)
    if unknown:
        raise TypeError(f"drift() got unexpected options {sorted(unknown)}")
    section = targets_mod.drift_section(settings.root)
    default = Limits()
    limits = Limits(
        connect_timeout=_number(section, "connect_timeout", connect_timeout, default.connect_timeout),
        statement_timeout=_number(section, "statement_timeout", statement_timeout, default.statement_timeout),
        lock_timeout=_number(section, "lock_timeout", lock_timeout, default.lock_timeout),
    )
    jobs = int(_number(section, "jobs", jobs, os.cpu_count() or 4))
    allow_behind = allow_behind or bool(section.get("allow_behind", section.get("allow-behind", False)))
    # Checked before any server is asked for its databases: a typo fails at once.
    split = targets_mod.parse_shard(shard) if shard is not None else None
    database_url = settings.database_url
    if database_url is None and (databases_like or schemas_like) and not (target or targets_file):
        # Discovery with no server named: the embedded dev server, where every other command works too.
        from pgcanon.server import EmbeddedServer

        # Databases are listed from the maintenance database; schemas are those of the dev database.
        database_url = EmbeddedServer(settings.data_dir).url(settings.dev_database if schemas_like else "postgres")
    found = targets_mod.collect(
        section=section,
        given=target,
        files=[Path(f) for f in targets_file],
        databases=databases_like,
        schemas=schemas_like,
        database_url=database_url,
        limits=limits,
    )
    if not found:
        raise ConfigError(
            "no targets: give --target URL, --targets FILE, --databases-like/--schemas-like PATTERN, "
            "or set targets = [...] under [tool.pgcanon.drift]"
            if not (databases_like or schemas_like) else "no database or schema matches the pattern"
        )
    if split is not None:
        k, n = split
        found = targets_mod.shard(found, k, n)
        shard = f"{k}/{n}"
    flags: dict[str, Any] = {k: bool(relaxations.get(k)) for k in RELAXATIONS}
    options = settings.diff_options(DiffOptions(**flags))
    results = check_targets(settings, found, options=options, limits=limits, jobs=jobs, roles=tuple(roles))
    report = Report.of(results, head=History.load(settings).head, shard=shard, allow_behind=allow_behind)
    out.write(render(report, fmt))
    return report.exit_code


def merge(
    settings: Settings | None,
    out: TextIO,
    *,
    reports: Sequence[str],
    fmt: str = "text",
    allow_behind: bool | None = None,
    **drift_options: object,
) -> int:
    """Combine the JSON reports of ``drift --shard K/N`` runs into one report, grouped, with one exit code."""
    if drift_options:
        given = ", ".join("--" + k.replace("_", "-") for k in sorted(drift_options))
        raise ConfigError(f"drift merge reads reports only; {given} belong to drift itself")
    report = merge_reports([Path(p) for p in reports], allow_behind=allow_behind)
    out.write(render(report, fmt))
    return report.exit_code
