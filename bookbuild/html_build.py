"""Build both editions of the book: English into OUT/_build/html/, Chinese into its zh/ folder.

The Chinese edition is built from the Chinese pages bookbuild.chinese_edition wrote
(book/*.zh.*), with its table of contents and the English _config.yml changed only where a
Chinese book differs (bookbuild.editions): its title and Sphinx's ``language`` (the theme's own
words and the search, see bookbuild.search_languages). Warnings are errors in both builds.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .editions import CHINESE, CONFIG
from .pages import ROOT


def chinese_config(folder: Path) -> Path:
    """Write the Chinese edition's configuration into ``folder``; return its path."""
    config = yaml.safe_load((ROOT / CONFIG).read_text(encoding="utf-8"))
    config["title"] = CHINESE.words["title"]
    config["sphinx"]["config"]["language"] = CHINESE.sphinx_language
    path = folder / "_config.zh.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def jupyter_book(*arguments: str) -> subprocess.Popen:
    """Start ``jupyter-book build`` on the repository, warnings as errors."""
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(ROOT),
        "--warningiserror",
        "--keep-going",
        "--quiet",
        *arguments,
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(build: subprocess.Popen) -> None:
    stdout, stderr = build.communicate()
    if build.returncode != 0:
        sys.exit(f"{' '.join(build.args)} failed:\n{stdout[-5000:]}\n{stderr[-5000:]}")


def build(out: Path) -> Path:
    """Build both editions under ``out``, at the same time; return the English HTML folder."""
    html = out / "_build" / "html"
    staging = out / "_build" / "zh-edition"
    staging.mkdir(parents=True, exist_ok=True)
    english = jupyter_book("--path-output", str(out))
    chinese = jupyter_book(
        "--path-output",
        str(staging),
        "--config",
        str(chinese_config(staging)),
        "--toc",
        str(ROOT / CHINESE.toc),
    )
    wait_for(english)
    wait_for(chinese)
    shutil.rmtree(html / CHINESE.folder, ignore_errors=True)
    shutil.copytree(staging / "_build" / "html", html / CHINESE.folder)
    return html
