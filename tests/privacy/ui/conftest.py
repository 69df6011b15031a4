"""The GUI fixtures of tests/ui, for the personal data window's tests."""

from tests.ui.conftest import _fresh_settings, ctx, settle, window  # noqa: F401
