"""Interchange files sealed with a passphrase (`coprod export --encrypt`).

AES-256-GCM from `cryptography`, its key derived from the passphrase with scrypt; the file is
a first line naming the format and the derivation's settings (JSON), then the sealed bytes.
GCM also proves the file whole: a changed byte or a wrong passphrase fails the same way.
"""

from __future__ import annotations

import base64
import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from coprod.domain.errors import CoprodError

MAGIC = b"coprod-sealed"
SCRYPT = {"n": 2**15, "r": 8, "p": 1}  # about 32 MB and a tenth of a second per attempt


def is_sealed(path: str | Path) -> bool:
    try:
        with Path(path).open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal(data: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    header = {
        "format": "coprod-sealed",
        "version": 1,
        "cipher": "AES-256-GCM",
        "kdf": "scrypt",
        **SCRYPT,
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
    }
    head = json.dumps(header, separators=(",", ":")).encode()
    # The header is authenticated with the data: nobody can weaken the settings unnoticed.
    sealed = AESGCM(_key(passphrase, salt, **SCRYPT)).encrypt(nonce, data, head)
    return MAGIC + b" " + head + b"\n" + sealed


def unseal(blob: bytes, passphrase: str, *, path: str | Path) -> bytes:
    """The data sealed in `blob`; CoprodError('merge.wrong_passphrase') if it does not open."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        first, sealed = blob.split(b"\n", 1)
        head = first[len(MAGIC) + 1 :]
        header = json.loads(head)
        salt, nonce = base64.b64decode(header["salt"]), base64.b64decode(header["nonce"])
        key = _key(passphrase, salt, int(header["n"]), int(header["r"]), int(header["p"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise CoprodError("merge.not_interchange", path=str(path)) from exc
    try:
        return AESGCM(key).decrypt(nonce, sealed, head)
    except InvalidTag:
        raise CoprodError("merge.wrong_passphrase", path=str(path)) from None


@contextmanager
def sealing(path: Path, passphrase: str | None) -> Iterator[TextIO]:
    """A text file to write `path` through, sealed with `passphrase` when the block ends (held
    in memory until then: a team's interchange file is a few megabytes)."""
    if not passphrase:
        with path.open("w", encoding="utf-8") as fh:
            yield fh
        return
    buffer = io.StringIO()
    yield buffer
    path.write_bytes(seal(buffer.getvalue().encode("utf-8"), passphrase))


@contextmanager
def unsealed(path: Path, passphrase: str | None) -> Iterator[TextIO]:
    """`path` opened as text, opened with `passphrase` first if it is sealed."""
    if not is_sealed(path):
        with path.open(encoding="utf-8") as fh:
            yield fh
        return
    if not passphrase:
        raise CoprodError("merge.needs_passphrase", path=str(path))
    yield io.StringIO(unseal(path.read_bytes(), passphrase, path=path).decode("utf-8"))
