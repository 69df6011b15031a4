"""Files coprod ships inside its package: the report fonts (with their licence), the easy read
pictograms (Twemoji, with their licence) and the plain words list. Found through
`importlib.resources`, so a checkout, an installed wheel and a frozen build agree."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of a shipped file or folder, e.g. `resource_path("fonts", "DejaVuSans.ttf")`."""
    return Path(str(files(__name__).joinpath(*parts)))
