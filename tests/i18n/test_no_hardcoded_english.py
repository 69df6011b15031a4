"""No sentence a user reads is written into the window's or the command line's code: every
literal with words in it that reaches a Qt text setter, a printed line or argparse's help
comes from the catalogue instead."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from coprod.i18n import build
from tests.sources import tree

CODE = Path(build.PACKAGE)
# Methods that put their first argument on screen.
SETTERS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setAccessibleName",
    "setAccessibleDescription",
    "setPlaceholderText",
    "setTitle",
    "setLabelText",
    "setSpecialValueText",
    "setSuffix",
    "setPrefix",
    "setTabText",
    "setItemText",
    "setButtonText",
    "showMessage",
    "addAction",
    "addItem",
    "addTab",
    "addMenu",
    "insertItem",
    "setHtml",
    "setMarkdown",
    "setPlainText",
}
# Widgets whose first argument is their text.
WIDGETS = {
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMenu",
    "QToolButton",
    "QCommandLinkButton",
    "QListWidgetItem",
    "QTreeWidgetItem",
}
# QMessageBox.information(parent, title, text) and file dialogs (parent, caption, folder, filter).
DIALOGS = {
    "information": (1, 2),
    "warning": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "about": (1, 2),
    "getOpenFileName": (1, 3),
    "getSaveFileName": (1, 3),
    "getExistingDirectory": (1,),
}
ARGPARSE_TEXT = {"help", "description", "epilog"}

# Literals that are not language, and why.
NOT_LANGUAGE = {
    "coprod": "the product's name, the same in every language (window titles, 'coprod: ' before a CLI error)",
}
NOT_LANGUAGE_PATTERNS = {
    r"\*\.[\w*. ]+": "file filters such as '*.png *.svg' name file types, not words",
    r"[\w-]+\.(xlsx|csv|txt|json|pdf)": "a suggested file name the user can change",
    r"&\d": "the recent-files menu numbers its entries",
}
WORDS = re.compile(r"[A-Za-z]{2,}")


def _words(node: ast.expr) -> str:
    """The literal text in an argument: a string, the fixed parts of an f-string, or a '+' of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(
            _words(v.value) if isinstance(v, ast.FormattedValue) else _words(v) for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _words(node.left) + " " + _words(node.right)
    return ""


def _language(text: str) -> bool:
    for word in NOT_LANGUAGE:
        text = text.replace(word, " ")
    for pattern in NOT_LANGUAGE_PATTERNS:
        text = re.sub(pattern, " ", text)
    return bool(WORDS.search(text))


def _shown_arguments(call: ast.Call, *, cli: bool) -> list[ast.expr]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    shown: list[ast.expr] = []
    if name in SETTERS or name in WIDGETS:
        shown += call.args[:1]
    if name in DIALOGS:
        shown += [call.args[i] for i in DIALOGS[name] if i < len(call.args)]
    if cli and (name == "print" or name == "write"):
        shown += call.args[:1]
    shown += [k.value for k in call.keywords if k.arg in ARGPARSE_TEXT]
    return shown


def hard_coded(root: Path) -> list[str]:
    found = []
    cli = root.name == "cli"
    for path in sorted(root.rglob("*.py")):
        module = tree(path)
        for call in (n for n in ast.walk(module) if isinstance(n, ast.Call)):
            for argument in _shown_arguments(call, cli=cli):
                text = _words(argument)
                if _language(text):
                    found.append(f"{path.relative_to(root.parent)}:{call.lineno}: {' '.join(text.split())!r}")
    return found


def test_the_window_shows_no_english_of_its_own() -> None:
    assert hard_coded(CODE / "ui") == []


def test_the_command_line_prints_no_english_of_its_own() -> None:
    assert hard_coded(CODE / "cli") == []


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    ui = tmp_path / "ui"
    ui.mkdir()
    (ui / "page.py").write_text(
        "QLabel('Choose a file', self)\n"
        "button.setToolTip(f'Save {name} now')\n"
        "QMessageBox.warning(self, 'coprod', 'Cannot save')\n"
        "box.addItem(tr('ok'), 'outcome')\n"
        "dialog.getOpenFileName(self, tr('pick'), '', '*.png *.svg')\n"
        "QLabel('·', self)\n"
    )
    found = hard_coded(ui)
    assert [line.split(": ", 1)[1] for line in found] == ["'Choose a file'", "'Save now'", "'Cannot save'"]
