"""Looking inside an XLSX before the spreadsheet reader opens it.

An XLSX is a zip of XML. A 1.5 KB file can claim a sheet reaching cell XFD1048576, and the
reader then asks for half a terabyte and aborts the whole process; a 1 MB file can hold a
gigabyte of text. Both are refused here, from the zip's directory and the first bytes of
each sheet, before anything large is unpacked.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from coprod.domain.errors import CoprodError

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a 50,000-row tracker unpacks to well under this
MAX_CELLS = 5_000_000  # rows x columns of one sheet's declared area
_HEAD_BYTES = 64 * 1024  # <dimension> comes before the cells, near the top of the sheet
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?r="([A-Z]{1,3})(\d+)"')
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


class WorkbookGuard:
    """The zip's directory, checked once; `check_sheet` before each sheet is read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sheets: dict[str, str] = {}
        try:
            self.zip: zipfile.ZipFile | None = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError):
            self.zip = None  # not a zip (.xls) or broken: the reader says what is wrong
            return
        unpacked = sum(info.file_size for info in self.zip.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            self.zip.close()
            raise CoprodError(
                "import.too_big_unpacked",
                path=str(path),
                size=unpacked // (1024 * 1024),
                limit=MAX_UNPACKED_BYTES // (1024 * 1024),
            )
        self.sheets = self._sheet_members()

    def _sheet_members(self) -> dict[str, str]:
        assert self.zip is not None
        try:
            book = ElementTree.fromstring(self.zip.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        except (KeyError, ElementTree.ParseError):
            return {}
        targets = {r.get("Id"): r.get("Target", "") for r in rels}
        members = {}
        for sheet in book.iter():
            if not sheet.tag.endswith("}sheet"):
                continue
            target = targets.get(sheet.get(_REL), "")
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            members[sheet.get("name", "")] = member
        return members

    def check_sheet(self, name: str) -> None:
        """Refuse a sheet whose area is far larger than any tracker, before it is read."""
        member = self.sheets.get(name)
        if self.zip is None or member is None or member not in self.zip.namelist():
            return
        rows, columns = self._area(member)
        if rows * columns > MAX_CELLS:
            raise CoprodError(
                "import.sheet_too_big", path=str(self.path), sheet=name, rows=rows, columns=columns
            )

    def _area(self, member: str) -> tuple[int, int]:
        assert self.zip is not None
        with self.zip.open(member) as fh:
            head = fh.read(_HEAD_BYTES)
            found = _DIMENSION.search(head)
            if found and found.group(2):
                last_col, last_row = found.group(3) or found.group(1), found.group(4) or found.group(2)
                return int(last_row), _column_number(last_col)
            # No declared area: the reader would size it from the cells, so look at them all.
            rows = columns = 0
            chunk, tail = head, b""
            while chunk:
                text = tail + chunk
                for col_letters, row in _CELL_REF.findall(text):
                    rows, columns = max(rows, int(row)), max(columns, _column_number(col_letters))
                tail = text[-64:]
                chunk = fh.read(1 << 20)
        return rows, columns

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()
