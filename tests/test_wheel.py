"""The package as deployed: a wheel in a fresh virtualenv, building docs/ the way
Read the Docs does (``.readthedocs.yaml``), with every runtime file present."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO

PACKAGE = REPO / "src" / "alliantie_kb"


def runtime_files() -> set[str]:
    """Every file of the package in the source tree (what an editable build ships)."""
    return {
        p.relative_to(PACKAGE.parent).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # as a release is made: the sdist from the checkout, the wheel from the sdist
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        capture_output=True,
        text=True,
        cwd=out,  # not the checkout, whose setuptools build/ folder would shadow the module
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def test_wheel_carries_every_runtime_file_license_and_metadata(dist):
    (wheel,) = dist.glob("alliantie_kb-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = runtime_files() - names
    assert not missing, f"the wheel leaves out {sorted(missing)}"
    meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
    meta = zipfile.ZipFile(wheel).read(meta_name).decode()
    from alliantie_kb import __version__

    assert f"Version: {__version__}\n" in meta
    assert "Classifier: Framework :: Sphinx :: Extension" in meta
    assert "Classifier: Programming Language :: Python :: 3.11" in meta
    assert "Project-URL: Changelog" in meta
    assert any(n.endswith("licenses/LICENSE") for n in names)
    # the site's own choices are extras, not requirements of the extension
    requires = [line for line in meta.splitlines() if line.startswith("Requires-Dist:")]
    for site_only in ("sphinx-rtd-theme", "pagefind", "sphinxext-opengraph"):
        (line,) = [r for r in requires if site_only in r]
        assert "extra ==" in line, line


def test_sdist_carries_sources_license_changelog(dist):
    (sdist,) = dist.glob("alliantie_kb-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    wanted = {"src/" + f for f in runtime_files()} | {"LICENSE", "CHANGELOG.md", "README.md"}
    assert not wanted - names, f"the sdist leaves out {sorted(wanted - names)}"


def test_wheel_in_fresh_venv_builds_docs_like_read_the_docs(dist, tmp_path):
    (wheel,) = dist.glob("alliantie_kb-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # the project checkout as Read the Docs has it, minus the source package, so
    # that nothing can be imported from src/ by accident
    project = tmp_path / "project"
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copy(REPO / "conf.py", project / "conf.py")
    output = tmp_path / "rtd-output"
    env = {**os.environ, "READTHEDOCS_OUTPUT": str(output), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("PYTHONPATH", None)
    rtd = yaml.safe_load((REPO / ".readthedocs.yaml").read_text("utf-8"))
    for command in rtd["build"]["commands"]:
        argv = shlex.split(command.replace("$READTHEDOCS_OUTPUT", str(output)))
        assert argv[0] == "python", command
        if argv[1:4] == ["-m", "pip", "install"]:
            # `pip install .[extras]` of the checkout: install the wheel instead
            argv = [a.replace(".[", f"{wheel}[") if a.startswith(".[") else a for a in argv]
            argv = [str(wheel) if a == "." else a for a in argv]
        argv[0] = str(python)
        result = subprocess.run(argv, cwd=project, env=env, capture_output=True, text=True)
        log = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        assert result.returncode == 0, f"{command}\n{log}"
    # the package came from the wheel, not from this checkout
    where = subprocess.run(
        [str(python), "-c", "import alliantie_kb; print(alliantie_kb.__file__)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert str(venv) in where
    installed = Path(where).parent
    shipped = {
        p.relative_to(installed.parent).as_posix()
        for p in installed.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert not runtime_files() - shipped, sorted(runtime_files() - shipped)
    html = output / "html"
    search = (html / "search.html").read_text("utf-8")
    assert "pagefind" in search and "searchindex.js" not in search
    assert (html / "pagefind" / "pagefind.js").is_file()
    assert (html / "_static" / "alliantie_kb.css").is_file()
    assert (html / "_static" / "kb-search-filters" / "pagefind.js").is_file()
    assert (html / "kb.json").is_file()
    assert 'lang="nl"' in (html / "index.html").read_text("utf-8")
