"""The catalogues and the code agree: every id used is there, every id there is used, and the
compiled files are the ones the .po files make."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from coprod.i18n import build
from tests.sources import tree

CODE = Path(build.PACKAGE)
# Ids kept in the catalogue although no call site names them literally, each with its reason.
USED_DYNAMICALLY: dict[str, str] = {}
# The calls whose first argument is a message id (the extractor's keywords).
ID_CALLS = set(build.KEYWORDS)


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


@pytest.fixture(scope="module")
def english() -> Catalog:
    return build.read(build.SOURCE)


@pytest.fixture(scope="module")
def used() -> build.Used:
    return build.extract()


def test_every_id_the_code_uses_is_in_the_english_catalogue(english: Catalog, used: build.Used) -> None:
    known = {_key(m.id) for m in english if m.id}
    missing = {key: used.where[key][0] for key in set(used.where) - known}
    assert not missing, f"ids used but not in locale/en/LC_MESSAGES/coprod.po: {missing}"


def test_every_english_id_is_used(english: Catalog, used: build.Used) -> None:
    unused = {_key(m.id) for m in english if m.id} - set(used.where) - set(USED_DYNAMICALLY)
    assert not unused, f"ids no code uses (delete them, or mark the table they come from with N_): {unused}"


def test_counts_and_only_counts_have_plural_forms(english: Catalog, used: build.Used) -> None:
    plural = {_key(m.id) for m in english if isinstance(m.id, tuple)}
    assert used.plural <= plural, used.plural - plural  # ntr's ids (those in tables are marked N_)
    assert all(len(m.string) == 2 and all(m.string) for m in english if isinstance(m.id, tuple))


def _is_id_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ID_CALLS
        and bool(node.args)
    )


def _id_calls_and_where(tree: ast.AST) -> Iterator[tuple[ast.Call, bool]]:
    """The id calls of `tree`, each with whether it sits inside an f-string (one walk)."""
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, in_fstring = stack.pop()
        if _is_id_call(node):
            assert isinstance(node, ast.Call)
            yield node, in_fstring
        inner = in_fstring or isinstance(node, ast.JoinedStr)
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))


def test_no_id_is_built_at_run_time() -> None:
    """An id made with an f-string, '+', .format() or 'a if x else b' is one no extractor can find."""
    built = []
    for path in sorted(CODE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = tree(path)
        for call, in_fstring in _id_calls_and_where(module):
            first = call.args[0]
            if isinstance(first, (ast.JoinedStr, ast.BinOp, ast.IfExp)) or (
                isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute)
            ):
                built.append(f"{path.relative_to(CODE.parent)}:{call.lineno}")
            # tr("...") inside an f-string is invisible to the extractor as well.
            if in_fstring and isinstance(first, ast.Constant):
                built.append(f"{path.relative_to(CODE.parent)}:{call.lineno} (inside an f-string)")
    assert not built, f"message ids the extractor cannot see: {built}"


def _counted(value: ast.expr) -> bool:
    """A number counted on the spot: len(...), sum(...), or sums and differences of them."""
    if isinstance(value, ast.BinOp):
        return _counted(value.left) or _counted(value.right)
    return (
        isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("len", "sum")
    )


def test_no_count_reaches_a_sentence_without_its_thousands_separated() -> None:
    """A directorate's counts run to thousands: "5,022 stalled or overdue", never "5022" in one
    sentence and "1,972" in the next. A count goes into a sentence as `ntr` writes it, or
    formatted with `f"{n:,}"`; a bare len() or sum() is written without separators."""
    bare = []
    for path in sorted(CODE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for call, _in_fstring in _id_calls_and_where(tree(path)):
            bare += [
                f"{path.relative_to(CODE.parent)}:{call.lineno} {k.arg}="
                for k in call.keywords
                if k.value is not None and _counted(k.value)
            ]
    assert not bare, f"counts written without separators: {bare}"


def test_the_domain_never_translates() -> None:
    for path in sorted((CODE / "domain").rglob("*.py")):
        module = tree(path)
        imported = [n.module for n in ast.walk(module) if isinstance(n, ast.ImportFrom)]
        imported += [a.name for n in ast.walk(module) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in imported if m and m.startswith("coprod.i18n")], path


def test_the_compiled_catalogues_are_up_to_date() -> None:
    """Run `python -m coprod.i18n.build` after changing a .po file or adding an id."""
    stale = [
        str(path.relative_to(CODE.parent))
        for path, content in build.planned_writes()
        if not path.is_file() or path.read_bytes() != content
    ]
    assert not stale, f"out of date (run python -m coprod.i18n.build): {stale}"


def test_plural_forms_are_the_languages_own() -> None:
    assert build.read("en").plural_forms == "nplurals=2; plural=(n != 1);"
    welsh = build.read("cy")
    assert welsh.num_plurals == 6
    assert welsh.plural_expr == "(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n == 3 ? 3 : n == 6 ? 4 : 5)"


PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]+)[^{}]*\}")


def test_translations_keep_the_placeholders(english: Catalog) -> None:
    """A translation may move {name} about but must neither lose nor invent one."""
    words = {_key(m.id): m.string for m in english if m.id}
    for lang in build.languages():
        for message in build.read(lang):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            source = words.get(_key(message.id)) if message.id else None
            if source is None:
                continue
            expected = set(PLACEHOLDER.findall(" ".join(source) if isinstance(source, tuple) else source))
            for text in (s for s in strings if s):
                assert set(PLACEHOLDER.findall(text)) == expected, (lang, message.id, text)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_no_id_is_defined_twice(language: str) -> None:
    """Two entries with one id: only one sentence could ever be shown, the other silently lost."""
    text = (build.LOCALE / language / "LC_MESSAGES" / "coprod.po").read_text(encoding="utf-8")
    ids = re.findall(r'^msgid "(.+)"$', text, re.MULTILINE)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
