"""Output files written all-or-nothing, one writer at a time, without leftovers.

A build writes two files that must agree, the data (``out/x.trig``) and its
description (``out/x.void.ttl``, which records the data's SHA-256). Both go
to temporary files beside their targets, and only when both are complete
are they renamed into place (:class:`OutputFiles`). If a rename fails, the
files already renamed are put back from hard links of the old ones taken
just before, so a failure leaves both old files as they were and names the
file that failed (:class:`~newsgraph.errors.OutputError`).

Why the rest is there:

* Two builds to one output would otherwise interleave their renames and
  leave a description of the other build's data. Writers take an exclusive
  ``flock`` on a hidden lock file beside the output (``.x.void.ttl.lock``,
  shared by ``x.ttl`` and ``x.trig``, which share one description). The
  holder removes it before letting go, and a waiter checks that the file it
  locked is still the one the name points to (:func:`_acquire`).
* A writer killed with SIGKILL cannot remove its temporary file. Temporary
  files are named ``.{target}.{pid}-{random}.tmp``; the next writer of the
  same target removes those whose process is gone (and, holding the lock,
  the ``.{target}.{random}.tmp`` of older versions, which carried no pid).
* A full device shows at ``write``/``flush`` time: each failure becomes one
  ``OutputError`` naming the file, exit code 1 for an I/O failure and 2 for
  a path that cannot be an output. Standard output gets the same treatment
  (:func:`write_stdout`), and is then pointed at ``/dev/null`` so that the
  interpreter's final flush does not fail a second time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ..errors import InputError, OutputError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: writers are not serialised
    fcntl = None  # type: ignore[assignment]

STDOUT = "standard output"
_OURS = re.compile(r"(?P<pid>\d+)-[a-z0-9_]{8}")  # .{target}.{pid}-{random}.tmp
_LEGACY = re.compile(r"[a-z0-9_]{8}")  # mkstemp's random part alone (older versions)


def lock_path(path: Path | str) -> Path:
    """The hidden lock file that serialises writers of ``path``."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


def check_writable(path: Path) -> None:
    """Fail before any work when ``path`` cannot be an output file."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(path, f"output directory {str(directory)!r} does not exist")
    if not os.access(directory, os.W_OK):
        raise InputError(path, f"output directory {str(directory)!r} is not writable")
    if path.is_dir():
        raise OutputError(path, "cannot write: is a directory")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale(target: Path, locked: bool) -> list[Path]:
    """Remove temporary files of ``target`` left by writers that are gone; returns them.

    A file with a pid is stale when that process no longer runs; one without
    (an older version's) only when ``locked``, i.e. no writer can be at work.
    """
    prefix, removed = f".{target.name}.", list[Path]()
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        middle = name[len(prefix):-len(".tmp")]
        ours = _OURS.fullmatch(middle)
        stale = (not _alive(int(ours.group("pid")))) if ours else (
            locked and _LEGACY.fullmatch(middle) is not None)
        if stale:
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


@dataclass
class _Pending:
    target: Path
    tmp: Path
    backup: Path | None = None
    existed: bool = False


def _hidden_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


class OutputFiles:
    """Files written together: all renamed into place at the end of the ``with`` block,
    or none (on an exception, or when a rename fails). ``lock`` (a path) serialises
    writers; without it only dead writers' temporary files are cleaned up::

        with OutputFiles(lock=lock_path(void)) as out:
            size, sha256 = out.write(data, chunks)
            out.write(void, text)
    """

    def __init__(self, lock: Path | None = None) -> None:
        self.lock = lock
        self._lock_fd: int | None = None
        self._pending: list[_Pending] = []

    def __enter__(self) -> OutputFiles:
        if self.lock is not None and fcntl is not None:
            try:
                self._lock_fd = _acquire(self.lock)
            except OSError as exc:
                raise OutputError.of(self.lock, exc, "cannot lock") from None
        return self

    def write(self, path: Path | str, content: str | Iterable[str]) -> tuple[int, str]:
        """Write ``content`` (text or chunks of it, UTF-8) to a temporary file for
        ``path``; returns its size and SHA-256. The file gets the permissions an
        ordinary ``open`` would give (``mkstemp`` makes it private)."""
        path = Path(path)
        check_writable(path)
        remove_stale(path, locked=self._lock_fd is not None)
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp",
                                       dir=path.parent)
        except OSError as exc:
            raise OutputError.of(path, exc) from None
        self._pending.append(_Pending(path, Path(tmp)))
        digest, size = hashlib.sha256(), 0
        try:
            os.fchmod(fd, 0o666 & ~_umask())
            with os.fdopen(fd, "wb") as handle:
                for chunk in [content] if isinstance(content, str) else content:
                    data = chunk.encode("utf-8")
                    digest.update(data)
                    size += len(data)
                    handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise OutputError.of(path, exc) from None
        return size, digest.hexdigest()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if kind is None:
                self._commit()
        finally:
            for item in self._pending:
                for leftover in (item.tmp, item.backup):
                    if leftover is not None:
                        with contextlib.suppress(OSError):
                            leftover.unlink()
            self._pending = []
            self._unlock()

    def _commit(self) -> None:
        """Rename every temporary file into place; on a failure, undo the renames."""
        for item in self._pending:  # what can be seen before anything changes
            if item.target.is_dir():
                raise OutputError(item.target, "cannot write: is a directory")
            item.existed = item.target.is_file()
            if item.existed:
                backup = _hidden_name(item.target)
                with contextlib.suppress(OSError):  # no hard links here: no undo
                    os.link(item.target, backup)
                    item.backup = backup
        done: list[_Pending] = []
        for item in self._pending:
            try:
                os.replace(item.tmp, item.target)
            except OSError as exc:
                for previous in reversed(done):
                    with contextlib.suppress(OSError):
                        if previous.backup is not None:
                            os.replace(previous.backup, previous.target)
                        elif not previous.existed:
                            previous.target.unlink()
                raise OutputError.of(item.target, exc) from None
            done.append(item)
        _sync_directory(self._pending[0].target.parent if self._pending else None)

    def _unlock(self) -> None:
        if self._lock_fd is not None and self.lock is not None:
            with contextlib.suppress(OSError):  # removed while held: see _acquire
                self.lock.unlink()
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None


def _acquire(lock: Path) -> int:
    """An exclusive ``flock`` on ``lock``, created if need be; returns its descriptor.

    The holder removes the file before it lets go, so no lock file stays
    beside the output. A writer that was waiting on the removed file then
    holds a lock nobody else can see: it checks that the path still names the
    file it locked, and starts again if not.
    """
    assert fcntl is not None
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666 & ~_umask())
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            held = os.fstat(fd)
            try:
                current = os.stat(lock)
            except FileNotFoundError:
                current = None
        except BaseException:
            os.close(fd)
            raise
        if current is not None and (current.st_dev, current.st_ino) == (held.st_dev,
                                                                       held.st_ino):
            return fd
        os.close(fd)


def _sync_directory(directory: Path | None) -> None:
    """Make the renames durable (best effort: not every file system allows it)."""
    if directory is None:
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path | str, content: str | Iterable[str]) -> tuple[int, str]:
    """Write one file by temporary file and rename; returns its size and SHA-256."""
    with OutputFiles() as out:
        return out.write(path, content)


def silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, after a write to it failed and was
    reported, so that the final flush at exit neither fails nor prints again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)


def write_stdout(chunks: Iterable[str]) -> None:
    """Write ``chunks`` to standard output; a failure is an ``OutputError``."""
    try:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
    except OSError as exc:
        silence_stdout()
        raise OutputError.of(STDOUT, exc) from None


def stdout_failure() -> OSError | None:
    """The error that flushing standard output gives now, if any."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        return exc
    except ValueError:  # closed
        return None
    return None


__all__ = ["STDOUT", "OutputFiles", "check_writable", "lock_path", "remove_stale",
           "silence_stdout", "stdout_failure", "write_atomic", "write_stdout"]

