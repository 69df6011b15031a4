"""Only what pyproject.toml cannot say: the top-level resources/ folder installs as
coprod/resources, so an installed coprod finds its fonts the same way a checkout does."""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["coprod*"]),
        "coprod.resources",
        "coprod.resources.fonts",
        "coprod.resources.pictograms",
    ],
    package_dir={"coprod.resources": "resources"},
)
