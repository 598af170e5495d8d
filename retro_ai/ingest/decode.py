"""Turn raw input bytes into text, or fail with one line that says what is wrong with the file.

Retrospective inputs come from many tools: Chinese Windows editors still write GBK, meeting
tools export UTF-16 with a BOM, and people sometimes pass a screenshot by mistake. Guessing
silently (or decoding with errors="ignore") would hand the model mangled quotes, so every step
here is strict and the first encoding that decodes the whole file wins.
"""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO

from charset_normalizer import from_bytes

from retro_ai.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
"""Inputs bigger than this are refused: no retrospective source is that long, a log dump is."""

_MIB = 1024 * 1024

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# charset-normalizer always returns *some* guess; above this "chaos" (0..1) it is noise.
_MAX_CHAOS = 0.1
# Share of control characters (other than tab/newline/CR/FF/VT) above which text is binary.
_MAX_CONTROL_RATIO = 0.1
# Guesses never plausible for a meeting note: EBCDIC code pages (charset-normalizer likes them
# for byte soup) and BOM-less UTF-16/32 (real UTF-16 text has NUL bytes, refused as binary).
_IMPLAUSIBLE = ("cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140", "utf_16", "utf_32")
# A guess needs enough non-ASCII text to be more than a coin toss: mostly-ASCII notes with a few
# stray bytes (a UTF-16 BOM pasted mid-line, cp1252 smart quotes) decode "cleanly" as any of a
# dozen code pages, and charset-normalizer then picks one at random, mangling the quotes.
_MIN_GUESS_BYTES = 8
_MIN_GUESS_SHARE = 0.05  # of the non-whitespace bytes
_NON_ASCII = bytes(range(0x80, 0x100))
# Unicode category Cc minus tab, LF, VT, FF and CR.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _size(n: int) -> str:
    """Render a byte count as 'N MB', falling back to bytes for tiny limits (tests)."""
    if n >= _MIB // 10:
        return f"{n / _MIB:.1f}".removesuffix(".0") + " MB"
    return f"{n} bytes"


def check_size(size: int, name: str) -> None:
    """Refuse inputs over MAX_BYTES; the loader calls this before reading a large file."""
    if size > MAX_BYTES:
        raise InputError(f"{name}: file is too large ({_size(size)} > {_size(MAX_BYTES)})")


def read_capped(stream: BinaryIO, name: str) -> bytes:
    """Read at most MAX_BYTES + 1 bytes and refuse if there were more.

    Pipes, FIFOs, stdin and devices such as /dev/zero have no size to check up front, so the
    read itself is bounded; MAX_BYTES is looked up on every call.
    """
    limit = MAX_BYTES
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{name}: file is too large (more than {_size(limit)})")
    return data


def _cannot_decode(name: str, data: bytes = b"") -> InputError:
    """The decode error, pointing at the first byte that is not UTF-8 so it can be fixed."""
    where = ""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        where = f" (byte 0x{data[exc.start]:02x} on line {line} column {column}; save it as UTF-8)"
    return InputError(f"{name}: cannot decode: not UTF-8, UTF-16 or GB18030 text{where}")


def _binary(name: str) -> InputError:
    return InputError(f"{name}: looks like a binary file, not text")


def _looks_binary(text: str) -> bool:
    return bool(text) and len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_RATIO


def _strict(data: bytes) -> tuple[str, str] | None:
    """Try BOM, UTF-8 and GB18030 strictly; None when none of them decodes the whole input."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _mostly_ascii(data: bytes) -> bool:
    """True when too few bytes are non-ASCII for a code-page guess to mean anything."""
    foreign = len(data) - len(data.translate(None, _NON_ASCII))
    visible = len(data.translate(None, b" \t\n\r"))
    return foreign < _MIN_GUESS_BYTES or foreign < _MIN_GUESS_SHARE * visible


def _guess(data: bytes) -> tuple[str, str] | None:
    """Ask charset-normalizer, trusting only a confident (low chaos) answer with enough evidence."""
    if _mostly_ascii(data):
        return None
    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS or best.encoding.startswith(_IMPLAUSIBLE):
        return None
    text = str(best)
    if "\ufffd" in text:  # it substituted bytes it could not map: not a real decode
        return None
    return text, best.encoding


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode `data` strictly and return (text, encoding name) with newlines normalised to \\n.

    Raises InputError naming `name` when the input is empty, binary, too large or undecodable.
    """
    check_size(len(data), name)
    if not data:
        raise InputError(f"{name}: file is empty")
    has_wide_bom = data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    )
    if b"\x00" in data and not has_wide_bom:
        raise _binary(name)
    has_bom = has_wide_bom or data.startswith(codecs.BOM_UTF8)
    decoded = _strict(data)
    if decoded is None and not has_bom:  # a BOM declares the encoding: no second guess
        decoded = _guess(data)
    if decoded is None:
        raise _cannot_decode(name, b"" if has_bom else data)
    text, encoding = decoded
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    if _looks_binary(text):
        raise _binary(name)
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return text, encoding
