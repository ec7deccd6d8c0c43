"""The scratch cluster's files in memory: ``.pgcanon/scratch`` as a link into a tmpfs, when one can be spared.

Creating and dropping a database writes and unlinks some 300 files. On this project's
build machine (ext4 mounted with ``discard``) that cost 300 ms of kernel time per
``CREATE``/``DROP DATABASE`` pair, against 20 ms on a tmpfs, whatever ``fsync`` says.
The scratch cluster holds nothing that must survive a reboot, so it lives in
``/dev/shm`` when that is a tmpfs with room to spare (:data:`MIN_FREE`); after a reboot
the link dangles and the next start makes a new cluster. Elsewhere (a container whose
``/dev/shm`` is the default 64 MB, another OS) it stays on disk.
``PGCANON_SCRATCH_IN_MEMORY=0`` keeps it on disk always.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from pathlib import Path

ENV = "PGCANON_SCRATCH_IN_MEMORY"
SHM = Path("/dev/shm")
#: The free space a tmpfs must have: a cluster is about 40 MB, its WAL is capped (max_wal_size) well below this.
MIN_FREE = 1 << 30


def usable_tmpfs(path: Path = SHM) -> bool:
    """Whether *path* is a writable tmpfs mount point with at least :data:`MIN_FREE` bytes free."""
    if os.environ.get(ENV, "").strip().lower() in ("0", "false", "no"):
        return False
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
        stats = os.statvfs(path)
    except OSError:
        return False
    tmpfs = any(fields[1] == str(path) and fields[2] == "tmpfs" for fields in (m.split() for m in mounts)
                if len(fields) > 2)
    return tmpfs and os.access(path, os.W_OK) and stats.f_bavail * stats.f_frsize >= MIN_FREE


def target_for(link: Path) -> Path:
    """The directory in memory for the cluster at *link*: per user and per checkout, short (a socket lives in it)."""
    key = hashlib.sha256(str(link.absolute()).encode()).hexdigest()[:12]
    return SHM / f"pgcanon-{os.getuid()}-{key}" / link.name


def place(link: Path, *, running: bool) -> None:
    """Make *link* (a scratch cluster's directory, e.g. ``.pgcanon/scratch``) point into memory when it can.

    An on-disk cluster that is not running is removed and made again in memory (it is disposable);
    one that runs is left where it is until it is stopped. A link whose target went with a reboot
    gets its directory back, empty, for a new cluster.
    """
    if link.is_symlink():
        Path(os.readlink(link)).mkdir(parents=True, exist_ok=True)
        return
    if not usable_tmpfs() or (link.exists() and running):
        return
    link.parent.mkdir(parents=True, exist_ok=True)
    # Two processes starting the cluster at once (pytest -n): one places the link, the other finds it.
    with open(link.parent / ".scratch-place.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if link.is_symlink():
            return
        target = target_for(link)
        target.mkdir(parents=True, exist_ok=True)
        target.parent.chmod(0o755)  # the server may run as another system user (root → embedded_postgres)
        if link.exists():
            shutil.rmtree(link)
        link.symlink_to(target, target_is_directory=True)


def remove(link: Path) -> None:
    """Remove the memory a link points to (``make clean``); the link itself goes with ``.pgcanon``."""
    if link.is_symlink():
        shutil.rmtree(Path(os.readlink(link)).parent, ignore_errors=True)
