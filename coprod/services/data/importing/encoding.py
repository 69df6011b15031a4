"""Which text encoding a CSV file is in.

Excel writes "CSV UTF-8" with a byte-order mark, "Unicode text" as UTF-16 with one, and
plain "CSV" in the Windows code page with none. A byte-order mark is certain; anything else
is a guess, and the import says so.
"""

from __future__ import annotations

import codecs

_MARKS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def _utf16_without_mark(data: bytes) -> str | None:
    """Text in UTF-16 with no mark has a zero byte in every other place for Latin letters."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.4 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str, bool]:
    """The text, the encoding's display name, and whether it was a guess."""
    for mark, codec, name in _MARKS:
        if data.startswith(mark):
            return data[len(mark) :].decode(codec, errors="replace"), name, False
    wide = _utf16_without_mark(data)
    if wide is not None:
        return data.decode(wide, errors="replace"), "UTF-16", True
    try:
        return data.decode("utf-8"), "UTF-8", False  # invalid UTF-8 is rare by chance: not a guess
    except UnicodeDecodeError:
        pass
    # Excel on Windows saves plain "CSV" in the local code page, not UTF-8.
    try:
        return data.decode("cp1252"), "Windows-1252", True
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1", True
