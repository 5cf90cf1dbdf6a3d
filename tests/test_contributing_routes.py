"""CONTRIBUTING.md's last mile: the git commands, the BibTeX template and the
web editor's edition page all work as written."""

from __future__ import annotations

import re
import shlex
import subprocess
import textwrap
from pathlib import Path

from conftest import REPO, copy_site, site_build

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text("utf-8")


def blocks(language: str) -> list[str]:
    """Fenced blocks of ``language`` (at any indentation), dedented."""
    found = re.findall(rf"^( *)(`{{3,}}){language}\n(.*?)^\1\2$", CONTRIBUTING, re.M | re.S)
    return [textwrap.dedent("".join(indent + line for line in body.splitlines(True)))
            for indent, _fence, body in found]  # fmt: skip


def edition_template() -> str:
    (page,) = blocks("markdown")
    return page


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def test_the_git_commands_of_the_local_route(tmp_path):
    """Fork, clone, branch, commit and push, exactly as written (URLs made local)."""
    commands = [line.strip() for block in blocks("shell") for line in block.splitlines()]
    commands = [c for c in commands if c]
    names = [c.split()[1] if c.startswith("git ") else c.split()[0] for c in commands]
    for needed in ("clone", "remote", "switch", "pull", "add", "commit", "push"):
        assert needed in names, needed
    assert any(c.startswith("git switch -c ") for c in commands)
    # upstream (the project) and origin (the volunteer's fork), as bare repositories
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q", "-b", "main")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Kennisbank\n", "utf-8")
    git(project, "add", ".")
    git(project, "-c", "user.name=B", "-c", "user.email=b@example.org", "commit", "-qm", "start")
    upstream, fork = tmp_path / "upstream.git", tmp_path / "fork.git"
    git(tmp_path, "clone", "-q", "--bare", str(project), str(upstream))
    git(tmp_path, "clone", "-q", "--bare", str(project), str(fork))
    cwd = tmp_path
    env = {"GIT_AUTHOR_NAME": "V", "GIT_AUTHOR_EMAIL": "v@example.org",
           "GIT_COMMITTER_NAME": "V", "GIT_COMMITTER_EMAIL": "v@example.org"}  # fmt: skip
    for command in commands:
        args = shlex.split(command)
        if args[0] == "alliantie-kb":
            continue  # run by test_cli.py on a real copy of docs/
        if args[0] == "cd":
            cwd = cwd / args[1]
            continue
        args = [str(fork) if a.startswith("https://github.com/JOUW-NAAM/") else a for a in args]
        args = [str(upstream) if a.startswith("https://github.com/sociale-alliantie/") else a
                for a in args]  # fmt: skip
        if args[:2] == ["git", "clone"]:
            args.append("alliantie-kb")
        if args[:2] == ["git", "add"]:  # the volunteer's change
            (cwd / "docs" / "jan-de-vries.md").write_text("# Jan de Vries\n", "utf-8")
        import os

        result = subprocess.run(args, cwd=cwd, capture_output=True, text=True,
                                env={**os.environ, **env})  # fmt: skip
        assert result.returncode == 0, (command, result.stderr)
    branch = next(c.split()[-1] for c in commands if c.startswith("git switch -c "))
    assert "jan-de-vries.md" in git(fork, "ls-tree", "-r", "--name-only", branch)


def test_the_bibtex_template_builds_and_is_cited(tmp_path):
    (entry,) = blocks("bibtex")
    key = re.match(r"@\w+\{([\w-]+),", entry)[1]
    assert f"{{cite:p}}`{key}`" in CONTRIBUTING
    root = copy_site(tmp_path)
    bib = root / "docs" / "references.bib"
    bib.write_text(bib.read_text("utf-8") + "\n" + entry, "utf-8")
    page = root / "docs" / "personen" / "rene-gabriels.md"
    page.write_text(page.read_text("utf-8") + f"\nZie ook {{cite:p}}`{key}`.\n", "utf-8")
    built = site_build(root, "-E")
    assert built.returncode == 0, built.stderr
    sources = (root / "_build" / "bronnen.html").read_text("utf-8")
    assert "Verslag van de Alliantiedag in Zwolle" in sources and "Jansen" in sources


def test_the_web_editors_edition_page_builds(tmp_path):
    """Route 1: the edition template plus one day; nothing else edited."""
    page = edition_template()
    assert page.startswith("# Alliantiedagen 2013\n") and ":glob:" in page
    root = copy_site(tmp_path)
    (root / "docs" / "2013").mkdir()
    (root / "docs" / "2013" / "index.md").write_text(page, "utf-8")
    (root / "docs" / "2013" / "zwolle.md").write_text(
        "# Zwolle\n\n```{dag} 2013-zwolle\n:naam: Alliantiedag Zwolle\n:editie: 2013\n```\n",
        "utf-8",
    )
    built = site_build(root, "-E")
    assert built.returncode == 0, built.stderr
    html = (root / "_build" / "2013" / "index.html").read_text("utf-8")
    assert 'href="zwolle.html#dag-2013-zwolle"' in html  # the table of its days
    landing = (root / "_build" / "index.html").read_text("utf-8")
    assert landing.index('href="2013/index.html"') < landing.index('href="2012/index.html"')
