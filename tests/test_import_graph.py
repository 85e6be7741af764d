"""The project's import graph: no module imports, directly or through others, a module that
imports it back. Every import counts, those inside functions too (they hide a circle rather than
remove it); a package's ``__init__`` being run before its modules does not."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.machinery

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["lessons_src", "bookbuild", "measuring", "datagen"]
TOP_LEVEL_FOLDERS = ["scripts", "tests", "book"]  # their files import each other by bare name


def module_files(root: Path, packages: list[str], folders: list[str]) -> dict[str, Path]:
    """Module name -> file, for every Python file of ``packages`` and ``folders``."""
    found = {}
    for package in packages:
        for path in (root / package).glob("*.py"):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            found[name] = path
    for folder in folders:
        found.update({path.stem: path for path in (root / folder).glob("*.py")})
    return found


def imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules that module ``name`` (its file ``path``) imports."""
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(filter(None, [package, base]))
            for alias in node.names:  # `from package import module` imports the module
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in modules else base)
    return {target for target in targets if target in modules and target != name}


def circles(root: Path, packages: list[str], folders: list[str]) -> list[list[str]]:
    """Every circle of imports, each as the modules along it, the first repeated at the end."""
    modules = module_files(root, packages, folders)
    graph = {name: imported(name, path, modules) for name, path in modules.items()}
    found, done = [], set()

    def visit(name: str, path: list[str]) -> None:
        for target in sorted(graph[name]):
            if target in path:
                found.append(path[path.index(target) :] + [target])
            elif target not in done:
                visit(target, path + [target])
        done.add(name)

    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    return found


def test_no_module_of_the_project_imports_itself_through_others():
    assert circles(ROOT, PACKAGES, TOP_LEVEL_FOLDERS) == []


def test_a_circle_through_an_import_inside_a_function_is_found(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("from .pages import PAGES\n")
    (tmp_path / "pkg" / "pages.py").write_text("import os\n\nPAGES = []\n")
    (tmp_path / "pkg" / "results.py").write_text("def f():\n    from . import translate\n")
    (tmp_path / "pkg" / "translate.py").write_text(
        "from pkg.results import f\nfrom . import pages\n"
    )
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "run.py").write_text("import pkg.translate\n")
    assert circles(tmp_path, ["pkg"], ["tools"]) == [
        ["pkg.results", "pkg.translate", "pkg.results"]
    ]
