"""Every mutation of the rich schema (tests/mutations), in three steps on one clone with rows in it:

- ``detect``: the diff base → mutated reports the change, as the case says, and pg_dump sees it too
  (``mutation_support.assert_detected``);
- ``backward`` and ``forward``: the plan from one side, applied with psql to a database holding it and
  a few rows in every table, leaves the other side (by pgcanon's diff and by pg_dump), and the rows
  are still there, values and all, except in the tables a statement marked DELETES_DATA touches.

The base is built once, with its rows, into a template. Per mutation one clone is made: the mutation
runs on it (the mutated side, read once, which ``detect`` judges), the plan back to the base runs on
it (backward), and, once that is proven, the plan to the mutation runs on the same database again
(forward).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from known import mark
from peer_cases import ensure_roles
from roundtrip import PairCache, RoundTrip, Side, dbname, load

from pgcanon.catalog import read_snapshot
from pgcanon.scratch import scratch_database

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "mutations"))
from mutation_cases import MUTATIONS, Mutation
from mutation_support import ROLES, XFAILS, EngineMiss, assert_detected, execute_script, oracle_dump, rich_schema

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pgcanon.server import Server

#: A few rows in every table of rich_schema.sql, chosen to satisfy every mutation's constraints too
#: (a NOT NULL phone, totals above 0, notes not empty, events before July 2025, no 'wow' reaction…),
#: so that each mutation runs on a database holding data. Triggers are off while seeding: orders_log
#: records an event at now(), which no partition of shop.events holds.
SEED = """
SET session_replication_role = replica;
INSERT INTO shop.customers (email, name, phone, tags, address) VALUES
    ('ann@example.org', 'Ann', '555-0100', '{vip}', ROW('1 Main St', 'Springfield', '12345', 'US')),
    ('bob@example.org', 'Bob', '555-0101', '{}', ROW('2 Oak Ave', 'Shelbyville', '67890', 'CA'));
INSERT INTO shop.products (sku, barcode, title, price, weight_g, ratings, attrs) VALUES
    ('LAMP-1', '0001', 'Lamp', 10, 500, '{4,5}', '{"color": "red"}'),
    ('DESK-2', '0002', 'Desk', 120, 20000, '{3}', '{"legs": 4}');
INSERT INTO shop.orders (customer_id, status, total, note, ship_to, placed_at, updated_at) VALUES
    (100, 'paid', 130, 'leave at the door', ROW('1 Main St', 'Springfield', '12345', 'US'),
     '2025-03-01 10:00+00', '2025-03-02 10:00+00'),
    (101, 'new', 10, 'a gift', ROW('2 Oak Ave', 'Shelbyville', '67890', 'CA'),
     '2025-04-01 10:00+00', '2025-04-01 11:00+00');
INSERT INTO shop.order_lines (order_id, line_no, product_id, quantity, unit_price) VALUES
    (1, 1, 1, 1, 10), (1, 2, 2, 1, 120), (2, 1, 1, 1, 10);
INSERT INTO shop.carrier_services (carrier, service) VALUES ('acme', 'express'), ('acme', 'ground');
INSERT INTO shop.shipments (order_id, carrier, service, tracking, weight_kg) VALUES
    (1, 'acme', 'express', 'TRK-1', 20.5);
INSERT INTO shop.cart_sessions (token, customer_id, data, expires_at) VALUES
    ('tok-1', 100, '{"items": [1]}', '2025-05-01 00:00+00');
INSERT INTO shop.reservations (product_id, during) VALUES
    (1, '[2025-01-01 00:00+00, 2025-01-02 00:00+00)'), (2, '[2025-02-01 00:00+00, 2025-02-03 00:00+00)');
INSERT INTO shop.events (kind, occurred_at, payload) VALUES
    ('signup', '2024-06-01 00:00+00', '{"who": 100}'), ('order', '2025-03-01 10:00+00', '{"order": 1}');
INSERT INTO blog.posts (author, state, slug, title, body, tags, meta, published_at, updated_at) VALUES
    ('ann', 'published', 'hello', 'Hello', 'First post.', '{news}', '{"x": 1}', '2025-01-01 00:00+00',
     '2025-01-02 00:00+00'),
    ('bob', 'draft', 'draft-one', 'Draft', 'Not yet.', '{}', '{}', '2025-02-01 00:00+00', '2025-02-01 00:00+00');
INSERT INTO blog.comments (post_id, parent_id, body, created_at) VALUES
    (1, NULL, 'Nice.', '2025-01-03 00:00+00'), (1, 1, 'Thanks.', '2025-01-04 00:00+00');
INSERT INTO blog.reactions (post_id, emoji, reacted_at) VALUES
    (1, 'like', '2025-01-05 00:00+00'), (1, 'meh', '2025-01-06 00:00+00');
RESET session_replication_role;
"""

#: detect first, on the mutated side as read; backward next: forward then reuses the database it leaves
STEPS = ("detect", "backward", "forward")


def _params() -> list[object]:
    params = []
    for name, case in MUTATIONS.items():
        for direction in STEPS:
            marks = [*mark("mutation", name, direction)]
            if case.pg:
                marks.append(pytest.mark.pg(case.pg))
            if direction == "detect" and name in XFAILS:
                marks.append(pytest.mark.xfail(strict=True, raises=EngineMiss, reason=f"engine: {XFAILS[name]}"))
            params.append(pytest.param(name, case, direction, marks=marks, id=f"{name}-{direction}"))
    return params


@pytest.fixture(scope="module")
def seeded_base(pg_server: Server, pg_version: int) -> Iterator[str]:
    """The name of a database holding rich_schema.sql and rows (a template: no connection stays open)."""
    ensure_roles(pg_server.conninfo(), list(ROLES))
    with scratch_database(pg_server) as conninfo:
        execute_script(conninfo, rich_schema(pg_version))
        load(conninfo, SEED)
        yield dbname(conninfo)


@pytest.fixture(scope="module")
def base_side(pg_server: Server, seeded_base: str) -> Side:
    conninfo = pg_server.conninfo(seeded_base)
    return Side(conninfo, read_snapshot(conninfo, jobs=1), oracle_dump(conninfo))


@pytest.fixture(scope="module")
def pairs(seeded_base: str) -> Iterator[PairCache]:
    cache = PairCache()
    yield cache
    cache.close()


@pytest.mark.parametrize(("name", "case", "direction"), _params())
def test_mutation_round_trip(name: str, case: Mutation, direction: str, pg_server: Server, seeded_base: str,
                             base_side: Side, pairs: PairCache) -> None:
    def make(stack: object) -> RoundTrip:
        def base() -> str:
            return stack.enter_context(scratch_database(pg_server, template=seeded_base))  # type: ignore[attr-defined]

        def mutated() -> str:
            conninfo = base()
            execute_script(conninfo, case.sql)
            return conninfo

        return RoundTrip.from_builders(pg_server, {"old": base, "new": mutated}, sides={"old": base_side},
                                       dump=oracle_dump)

    trip = pairs.get(name, make)
    if direction == "detect":
        assert_detected(case, base_side.snapshot, base_side.dump, trip.sides["new"].snapshot, trip.sides["new"].dump)
        return
    trip.check(direction, rows=True)
