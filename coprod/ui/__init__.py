"""The PySide6 desktop app. Only this package imports Qt.

The services the window stands on are imported here, before any module of the package
imports Qt. Once PySide6 is loaded, its import hook reads the source of every module
imported after it, looking for `from __feature__ import`; the service layer brings some
400 modules (SQLAlchemy, SQLModel, the models), and reading them all cost every start of
the window about a tenth of a second.
"""

import coprod.services.data.opening  # noqa: F401  (before Qt: see above)
