"""The 414 real-world schema pairs of stripe/pg-schema-diff (../shared/peers), judged by a pg_dump oracle.

Each usable case goes through the command line, as a user would run it:
``pgcanon diff a.sql b.sql`` exits 1 exactly when the oracle says the schemas
differ and 0 when it says they are equal, and ``pgcanon diff a.sql a.sql``
always exits 0. The roles a case's grants and policies name are passed with
``--role`` (two of them are deliberately hostile names).
"""

from __future__ import annotations

import os

import pytest
from fix_sources import run_cli, url_of
from peer_cases import PEERS, USABLE, VERDICTS, ensure_roles, roles_of


def test_peer_cases_are_present() -> None:
    if not USABLE and os.environ.get("CI"):
        pytest.fail(f"CI must run the peer cases, and {PEERS} holds none")
    if not USABLE:
        pytest.skip("the peer cases are not checked out next to the project")
    assert len(USABLE) == 414


@pytest.fixture
def cli_on_test_server(pg_server: object, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Point the CLI at the suite's server; True when the CLI may create roles there itself."""
    if os.environ.get("PGCANON_TEST_URL"):
        monkeypatch.setenv("DATABASE_URL", url_of(pg_server.conninfo()))  # type: ignore[attr-defined]
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize("name", USABLE)
def test_peer(name: str, pg_server: object, cli_on_test_server: bool) -> None:
    verdict = VERDICTS[name]
    roles = roles_of(name)
    if not cli_on_test_server:  # a server that is not the CLI's own: roles must exist beforehand
        ensure_roles(pg_server.conninfo(), roles)  # type: ignore[attr-defined]
    role_args = [arg for role in roles for arg in ("--role", role)]
    a, b = str(PEERS / name / "a.sql"), str(PEERS / name / "b.sql")

    code, out, err = run_cli("diff", a, a, *role_args)
    assert (code, err) == (0, ""), out + err

    options = []
    if "extension versions" in verdict.get("oracle_caveat", ""):
        # pg_dump does not print extension versions, so its verdict holds only without them;
        # the strict comparison must still see the versions differ.
        code, out, err = run_cli("diff", a, b, *role_args)
        assert code == 1, f"extension versions differ and the strict diff must say so\n{out}{err}"
        options = ["--ignore-extension-versions"]
    code, out, err = run_cli("diff", a, b, *role_args, *options)
    assert err == ""
    if verdict["differ"]:
        assert code == 1, f"the oracle says the schemas differ ({verdict.get('dump_delta_sample')}); we found none"
    else:
        assert code == 0, out
