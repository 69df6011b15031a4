"""Extract message ids from the code, bring every translation up to date, compile the catalogues.

    python -m coprod.i18n.build            # after adding or changing a message
    python -m coprod.i18n.build --check    # CI: fail if a catalogue or a .mo is out of date

The English catalogue (`locale/en/LC_MESSAGES/coprod.po`) is written by hand: it is where a
new id gets its English words. Babel's extractor reads every id the code uses (the first
argument of `tr`, `ntr`, `N_`, `Phrase` and the error classes); each other language's
catalogue is updated from the English one (new ids arrive untranslated and fall back to
English) and every catalogue is compiled to the `.mo` file coprod reads. Only this tool
needs Babel; coprod itself reads the `.mo` files with the standard library.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent
LOCALE = PACKAGE / "locale"
DOMAIN = "coprod"
SOURCE = "en"
# Calls whose first argument is a message id; ntr's id has plural forms.
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "tr": None,
    "ntr": None,
    "N_": None,
    "Phrase": None,
    "CoprodError": None,
    "RuleViolation": None,
    "DatabaseProblem": None,
    "MassDelete": None,
    "CellError": None,
    "ChangedSince": None,
    "RecordGone": None,
    "EditConflict": None,
}
PLURAL_KEYWORDS = {"ntr"}


@dataclass
class Used:
    """The ids the code uses, where, and which are counted (ntr)."""

    where: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    plural: set[str] = field(default_factory=set)


def extract(root: Path = PACKAGE) -> Used:
    """Every literal message id in the Python files under `root`, by Babel's extractor."""
    used = Used()
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        with path.open("rb") as f, contextlib.redirect_stderr(io.StringIO()):
            # (Babel notes every f-string argument on stderr: they are parameters, not ids.)
            for lineno, funcname, message, _comments in extract_python(f, KEYWORDS, [], {}):
                key = message[0] if isinstance(message, (tuple, list)) else message
                if not key or not isinstance(key, str):
                    continue  # not a literal: the tests refuse these
                used.where.setdefault(key, []).append((str(path.relative_to(root.parent)), lineno))
                if funcname in PLURAL_KEYWORDS:
                    used.plural.add(key)
    return used


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    return sorted(d.name for d in LOCALE.iterdir() if (d / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def template(english: Catalog) -> Catalog:
    """The English catalogue's ids, without words. (No source locations: the symbolic id says
    where a message belongs, and translations need not change when code moves.)"""
    out = Catalog(
        domain=DOMAIN,
        project=english.project,
        version=english.version,
        creation_date=english.creation_date,
        fuzzy=False,
    )
    for message in english:
        if message.id:
            out.add(message.id)
    return out


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)
    return buffer.getvalue()


def translated(catalog: Catalog) -> Catalog:
    """Only the entries with every form translated: the others fall back to English as a whole.

    (Babel would fill an untranslated plural form with the id itself.)
    """
    out = Catalog(locale=catalog.locale, domain=DOMAIN, fuzzy=False)
    out.mime_headers = catalog.mime_headers
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and all(strings) and not message.fuzzy:
            out.add(message.id, message.string)
    return out


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, translated(catalog))
    return buffer.getvalue()


def updated(lang: str, pot: Catalog) -> Catalog:
    """A translation brought up to date with the English ids: new ones empty, gone ones obsolete."""
    catalog = read(lang)
    catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False, keep_user_comments=True)
    return catalog


def planned_writes() -> Iterator[tuple[Path, bytes]]:
    """Every file the build writes, with its content."""
    english = read(SOURCE)
    pot = template(english)
    for lang in languages():
        catalog = english if lang == SOURCE else updated(lang, pot)
        if lang != SOURCE:
            yield po_path(lang), po_bytes(catalog)
            catalog = read_po(io.BytesIO(po_bytes(catalog)), locale=lang, domain=DOMAIN)
        yield po_path(lang).with_suffix(".mo"), mo_bytes(catalog)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coprod.i18n.build", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail if a file is out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, content in planned_writes():
        if path.is_file() and path.read_bytes() == content:
            continue
        stale.append(path)
        if not args.check:
            path.write_bytes(content)
    used, english = extract(), read(SOURCE)
    known = {m.id[0] if isinstance(m.id, tuple) else m.id for m in english if m.id}
    for key in sorted(set(used.where) - known):
        where, line = used.where[key][0]
        print(f"{where}:{line}: {key} is not in the English catalogue", file=sys.stderr)
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path.relative_to(PACKAGE.parent)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
