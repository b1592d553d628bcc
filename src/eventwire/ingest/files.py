"""Read input files with bounded memory: size caps, and JSONL streamed line by line.

A file is never read whole when it is larger than the cap: its size is checked first and
the file rejected with a message saying how to raise the cap. JSONL files, which may hold
any number of articles, are streamed one line at a time, each line capped too; a line over
the cap is skipped without being held in memory.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, Literal

from eventwire.errors import InputError

#: How much of a file is read to detect its format and encoding.
HEAD_BYTES = 64 * 1024
_CHUNK = 1024 * 1024


def file_limit(max_chars: int) -> int:
    """Largest non-JSONL file read, in bytes: room for markup around ``max_chars`` of text.

    >>> file_limit(1_000_000)
    16777216
    """
    return max(8 * max_chars, 16 * 2**20)


def line_limit(max_chars: int) -> int:
    """Largest JSONL line read, in bytes (JSON escapes take up to 6 bytes a character)."""
    return max(8 * max_chars, 64 * 1024)


_CONFIG_SUFFIXES = frozenset({".yaml", ".yml"})


def iter_files(paths: Sequence[str | Path]) -> Iterator[Path | Literal["-"]]:
    """Expand directories recursively (sorted; hidden files and YAML skipped); ``-`` is stdin.

    YAML in a folder is configuration, not an article (``examples/sources.yaml`` is the
    watcher's sources file, issue 18); a YAML file named on its own is still read.
    """
    for raw in paths:
        if str(raw) == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(p.startswith(".") for p in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() not in _CONFIG_SUFFIXES:
                    yield child
        else:
            yield path


def open_input(path: Path, *, origin: str) -> BinaryIO:
    """Open a file for binary reading; InputError names what went wrong."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(origin, "no such file") from None
    except IsADirectoryError:
        raise InputError(origin, "is a directory") from None
    except PermissionError:
        raise InputError(origin, "permission denied") from None
    except OSError as err:
        raise InputError(origin, f"cannot read ({err.strerror})") from None


def read_whole(handle: BinaryIO, *, origin: str, limit: int) -> bytes:
    """Read a file or stream up to ``limit`` bytes; InputError when it is larger."""
    try:
        size = os.fstat(handle.fileno()).st_size if handle is not sys.stdin.buffer else 0
        if size > limit:
            raise InputError(origin, _too_large(size, limit))
        data = handle.read(limit + 1)
    except OSError as err:
        raise InputError(origin, f"cannot read ({err.strerror})") from None
    if len(data) > limit:
        raise InputError(origin, _too_large(None, limit))
    return data


def _too_large(size: int | None, limit: int) -> str:
    got = "" if size is None else f" ({size:,} bytes)"
    return (
        f"file larger than {limit:,} bytes{got}; "
        "split it, or raise --max-chars (the cap is 8 bytes a character)"
    )


def is_streamable(head: bytes) -> bool:
    """True when ``head`` is UTF-8 (or ASCII) that can be cut at newlines: no UTF-16/32 BOM, NUL."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # also covers the UTF-32 LE BOM
        return False
    return not head.startswith(codecs.BOM_UTF32_BE) and b"\x00" not in head


def stream_lines(
    handle: BinaryIO, *, origin: str, limit: int
) -> Iterator[tuple[int, bytes | InputError]]:
    """Yield ``(line number, bytes)`` per line, or an InputError for a line over ``limit``.

    A line over the limit is skipped in chunks: memory stays at ``limit`` plus one chunk.
    """
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield (
                number,
                InputError(
                    f"{origin}:{number}",
                    f"line longer than {limit:,} bytes; raise --max-chars to read it",
                ),
            )
            continue
        yield number, line
