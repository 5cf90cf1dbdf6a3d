"""Pull-request hygiene files exist, parse, and ask for what CONTRIBUTING.md promises."""

from __future__ import annotations

import re

import yaml

from conftest import REPO


def load(path: str):
    return yaml.safe_load((REPO / path).read_text("utf-8"))


def test_ci_workflow_builds_strictly_checks_and_tests():
    ci = load(".github/workflows/ci.yml")
    steps = [s.get("run", "") for job in ci["jobs"].values() for s in job["steps"]]
    assert "make html" in steps  # make html builds with -W --keep-going -n
    assert "alliantie-kb controleer" in steps
    assert any(s.startswith("make test") for s in steps)
    assert "-W --keep-going -n" in (REPO / "Makefile").read_text()


def test_link_check_runs_on_a_schedule():
    links = load(".github/workflows/links.yml")
    assert links[True]["schedule"]  # YAML reads the key "on" as True
    assert any("linkcheck" in s.get("run", "") for s in links["jobs"]["linkcheck"]["steps"])


def test_pre_commit_hooks():
    hooks = {h["id"] for repo in load(".pre-commit-config.yaml")["repos"] for h in repo["hooks"]}
    assert {"ruff", "ruff-format", "mypy", "alliantie-kb-controleer"} <= hooks


def test_read_the_docs_builds_the_docs_folder_strictly():
    rtd = load(".readthedocs.yaml")
    commands = " ".join(rtd["build"]["commands"])
    assert "-W --keep-going -n -c . docs" in commands and "graphviz" in rtd["build"]["apt_packages"]


def test_templates_are_dutch():
    pr = (REPO / ".github/pull_request_template.md").read_text("utf-8")
    assert "Uit welke bron komt het?" in pr
    for name in ("fout-in-de-kennisbank.md", "voorstel.md"):
        text = (REPO / ".github/ISSUE_TEMPLATE" / name).read_text("utf-8")
        front = yaml.safe_load(text.split("---")[1])
        assert front["name"] and front["about"]
    assert "indent_style = tab" in (REPO / ".editorconfig").read_text()


def test_security_promise_names_tests_that_exist():
    text = (REPO / "SECURITY.md").read_text("utf-8")
    named = set(re.findall(r"`(tests/test_[\w]+\.py)`", text))
    assert len(named) >= 5
    for path in sorted(named):
        assert (REPO / path).is_file(), f"SECURITY.md promises {path}, which does not exist"
    assert "kb_trusted_sources = True" in text


def test_workflows_give_pull_requests_no_secrets():
    for path in sorted((REPO / ".github/workflows").glob("*.yml")):
        text = path.read_text("utf-8")
        assert "pull_request_target" not in text, path.name
        assert "secrets." not in text, path.name
        workflow = yaml.safe_load(text)
        assert workflow.get("permissions") in (None, {"contents": "read"}), path.name
