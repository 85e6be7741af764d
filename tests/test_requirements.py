"""pyproject.toml declares what the course needs, as ranges; requirements.txt is its exact lock.

Every dependency pyproject.toml declares (its extras included) is pinned in requirements.txt
with ``==``, at a version within the declared range, and requirements.txt pins nothing else:
a package added, dropped or moved out of its range in one file fails here until the other
follows.
"""

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bookbuild.pages import ROOT

pytestmark = pytest.mark.machinery


def project_table() -> dict:
    """pyproject.toml's [project] table. tomllib is imported here, not at the top: it is new in
    Python 3.11, and this file must still be collected on AI Studio's Python 3.10, where these
    tests (marked machinery) are deselected."""
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def declared() -> dict[str, Requirement]:
    project = project_table()
    lines = project["dependencies"] + [
        line for extra in project["optional-dependencies"].values() for line in extra
    ]
    return {canonicalize_name(r.name): r for r in map(Requirement, lines)}


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-e"):
            name, _, version = line.partition("==")
            assert version, f"requirements.txt: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = version
    return pins


def test_every_declared_package_is_locked_within_its_range():
    pins = locked()
    for name, requirement in declared().items():
        assert name in pins, (
            f"{name} is declared in pyproject.toml but not pinned in requirements.txt"
        )
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.txt pins {name}=={pins[name]}, outside pyproject.toml's {requirement}"
        )


def test_the_lock_pins_only_declared_packages():
    extra = sorted(set(locked()) - set(declared()))
    assert not extra, f"requirements.txt pins {extra}, which pyproject.toml does not declare"


def test_the_lock_installs_the_project_with_all_its_extras():
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    extras = project_table()["optional-dependencies"]
    assert f"-e .[{','.join(extras)}]" in lines
