"""Files in and out: notes are checked with stat before they are read (regular files only, a size limit),
builds are written with fixed modes (0644 files, 0755 folders) whatever the umask, and synced to disk."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from kg.errors import NoteParseError

MAX_NOTE_BYTES = 5 * 1024 * 1024  # KG_MAX_NOTE_BYTES: the shipped notes are 43 KB
FILE_MODE = 0o644
DIR_MODE = 0o755

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def stat_error(path: Path, ex: OSError) -> NoteParseError:
    """The one-line error for a path that cannot be looked at: a symlink loop and a broken link said as such."""
    if ex.errno == errno.ELOOP:
        return NoteParseError(str(path), "symlink loop (too many levels of symbolic links)")
    if ex.errno == errno.ENOENT and path.is_symlink():
        return NoteParseError(str(path), f"broken symlink (to {os.readlink(path)}, which does not exist)")
    return NoteParseError(str(path), f"cannot read: {ex.strerror or ex}")


def _check(path: Path, st: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        raise NoteParseError(str(path), f"is {kind}, not a regular file: refused")
    if st.st_size > max_bytes:
        raise NoteParseError(str(path), f"file is {st.st_size:,} bytes, over the {max_bytes:,} byte limit "
                                        "(KG_MAX_NOTE_BYTES)")


def read_limited(path: Path, max_bytes: int = MAX_NOTE_BYTES) -> bytes:
    """The bytes of a regular file of at most max_bytes, checked before reading: a FIFO, a device or a link to
    /dev/zero is refused at once (never opened blocking, never read into memory)."""
    try:
        _check(path, path.stat(), max_bytes)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a FIFO swapped in opens without a writer
    except NoteParseError:
        raise
    except OSError as ex:
        raise stat_error(path, ex) from ex
    with os.fdopen(fd, "rb") as fh:
        _check(path, os.fstat(fh.fileno()), max_bytes)  # the file opened may not be the one stat saw
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew while being read
        raise NoteParseError(str(path), f"file is over the {max_bytes:,} byte limit (KG_MAX_NOTE_BYTES)")
    return data


def make_dir(path: Path) -> None:
    """A new folder, 0755 whatever the umask; FileExistsError if it is there already."""
    path.mkdir(mode=DIR_MODE)
    path.chmod(DIR_MODE)


def write_new(path: Path, data: bytes) -> None:
    """A new file holding data, 0644 whatever the umask, on disk before this returns."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        os.fchmod(fh.fileno(), FILE_MODE)
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def fix_modes(root: Path) -> None:
    """0755 folders and 0644 files under root (for trees written by others, such as the store's RocksDB)."""
    for folder, _, files in os.walk(root):
        os.chmod(folder, DIR_MODE)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def sync_dir(path: Path) -> None:
    """Make the names created in a folder durable (a rename is on disk once its folder is synced)."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
