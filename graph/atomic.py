"""Writing a file whole or not at all."""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import InputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _refuse_non_regular(target: Path) -> None:
    if target.is_symlink():
        raise InputError(f"{target}: is a symbolic link; refusing to replace it (write to a regular file)")
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(f"{target}: cannot write there ({exc.strerror or exc})") from None
    if not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) \
            else "a pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
        raise InputError(f"{target}: is {kind}; refusing to replace it (write to a regular file)")


@contextmanager
def atomic_write(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path`` and rename it over ``path`` only on success.

    The parent folder is created when missing; the file gets the usual
    permissions (0666 less the umask), not the private 0600 of a temporary file.
    A failure leaves neither a partial file nor the temporary one behind. Only a
    regular file is ever replaced: a symlink, device, FIFO or directory at ``path``,
    or a folder that cannot be written, is an :class:`~graph.errors.InputError`.
    """
    target = Path(path)
    _refuse_non_regular(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(f"{target}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
