"""What a JSON text would cost to parse, counted before it is parsed.

The byte limit alone does not bound the cost: 60 MB of ``{}`` under an unknown key is 20
million objects (4.5 GB, a minute). Every JSON value and every key is preceded by one of
``[ { , :`` outside text (empty objects and lists count once more), so counting those
characters bounds what parsing builds, whatever the keys. The count is an upper bound
from ``bytes.count`` (C speed); only a text over the limit by that bound is counted
exactly, outside strings, in numpy chunks: linear, and never more than a few MB at once.
"""

from __future__ import annotations

import numpy as np

from chainwire.graph.errors import FileFormatError, coded
from chainwire.graph.fileio import spec

_STRUCTURAL = (b",", b":", b"[", b"{")
_CHUNK = 1 << 20
_QUOTE, _BACKSLASH = ord('"'), ord("\\")
_IS_STRUCTURAL = np.zeros(256, dtype=bool)
_IS_STRUCTURAL[[ord(c) for c in ",:[{"]] = True


def check_tokens(text: bytes | str, source: str) -> None:
    """Refuse a text holding more than ``spec.MAX_TOKENS`` JSON tokens."""
    if isinstance(text, str):
        quick = sum(text.count(c.decode()) for c in _STRUCTURAL) + 1
    else:
        quick = sum(text.count(c) for c in _STRUCTURAL) + 1
    if quick <= spec.MAX_TOKENS:
        return
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if count_tokens(raw, stop_above=spec.MAX_TOKENS) > spec.MAX_TOKENS:
        raise coded(FileFormatError, "too_many_tokens", source=source,
                    most=f"{spec.MAX_TOKENS:,}")


def count_tokens(raw: bytes, stop_above: int | None = None) -> int:
    r"""One plus the ``[ { , :`` outside strings of ``raw`` (exact for valid JSON); the
    count stops early, somewhere above ``stop_above``, once it passes it.

    >>> count_tokens(b'{"a": [1, 2], "b,:[{\\\\": {}}')
    8
    """
    inside = False  # within a string at the end of the previous chunk
    run = 0  # backslashes ending the previous chunk
    total = 1
    for start in range(0, len(raw), _CHUNK):
        a = np.frombuffer(raw, dtype=np.uint8, count=min(_CHUNK, len(raw) - start),
                          offset=start)
        quotes = np.flatnonzero(a == _QUOTE)
        if len(quotes):
            quotes = quotes[~_escaped(a, quotes, run)]
        structural = np.flatnonzero(_IS_STRUCTURAL[a])
        # a structural character lies outside strings when an even number of real
        # quotes precede it in this chunk (odd when the chunk starts inside a string)
        before = np.searchsorted(quotes, structural)
        total += int(np.count_nonzero((before + inside) % 2 == 0))
        inside = bool((len(quotes) + inside) % 2)
        run = _trailing_backslashes(a, run)
        if stop_above is not None and total > stop_above:
            break
    return total


def _escaped(a: np.ndarray, quotes: np.ndarray, run: int) -> np.ndarray:
    """Which of these quotes follow an odd run of backslashes (``run`` carried in)."""
    bs = a == _BACKSLASH
    if not bs.any():
        return np.zeros(len(quotes), dtype=bool) if run % 2 == 0 else quotes == 0
    idx = np.arange(len(a), dtype=np.int64)
    last_plain = np.maximum.accumulate(np.where(bs, -1, idx))  # last non-backslash <= i
    prev = quotes - 1
    lp = np.where(prev >= 0, last_plain[np.maximum(prev, 0)], -1)
    runs = prev - lp  # backslashes right before each quote within this chunk
    runs = np.where(lp < 0, runs + run, runs)  # the run began in an earlier chunk
    return runs % 2 == 1


def _trailing_backslashes(a: np.ndarray, run: int) -> int:
    plain = np.flatnonzero(a != _BACKSLASH)
    if len(plain) == 0:
        return run + len(a)
    return len(a) - 1 - int(plain[-1])
