"""A socket on this computer that answers libpq as a PostgreSQL server asking for a password.

The test server trusts every login from this computer, so it never asks for one; this one
asks, hears what the client sends, and refuses it with PostgreSQL's own words and code.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

SSL_REQUEST, GSSENC_REQUEST = 80877103, 80877104


@contextmanager
def password_server(*, heard: list[str]) -> Iterator[int]:
    """A socket on this computer that answers libpq as a PostgreSQL server that asks for a
    password and refuses it does (the test server trusts every login from this computer, so
    it never asks). Every password sent is put in `heard`. Yields its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.2)
    stop = threading.Event()

    def read(conn: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise ConnectionError
            data += chunk
        return data

    def answer(conn: socket.socket) -> None:
        while True:  # "may we talk TLS / GSS?" first: no
            length, code = struct.unpack("!ii", read(conn, 8))
            body = read(conn, length - 8)
            if code not in (SSL_REQUEST, GSSENC_REQUEST):
                break
            conn.sendall(b"N")
        fields = body.split(b"\0")
        user = fields[fields.index(b"user") + 1].decode() if b"user" in fields else ""
        conn.sendall(b"R" + struct.pack("!ii", 8, 3))  # AuthenticationCleartextPassword
        kind, length = struct.unpack("!ci", read(conn, 5))
        heard.append(read(conn, length - 4).rstrip(b"\0").decode())
        message = f'password authentication failed for user "{user}"'
        error = b"".join(
            key + value.encode() + b"\0"
            for key, value in ((b"S", "FATAL"), (b"V", "FATAL"), (b"C", "28P01"), (b"M", message))
        )
        conn.sendall(b"E" + struct.pack("!i", len(error) + 5) + error + b"\0")

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn, suppress(ConnectionError, OSError):
                answer(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        thread.join(5)
        listener.close()
