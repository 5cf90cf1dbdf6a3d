"""Every ``kb_*`` setting is declared in config.py, and a wrong type or value
gives one Dutch ``kb.config`` warning and the setting's default."""

from __future__ import annotations

import pytest

from alliantie_kb import config

from conftest import all_warning_lines, build, copy_root

#: A value of the wrong type or outside the allowed ones, per setting, what
#: the Dutch warning says a usable value is, and the default that applies.
BAD_VALUES = [
    ("kb_trusted_sources", "ja", "True of False", False),
    ("kb_allow_raw_html", 1, "True of False", False),
    ("kb_remote_images", "soms", "allow, warn of refuse", "warn"),
    ("kb_sitemap", "yes", "True of False", False),
    # a text is iterable: each letter would have been a pattern
    ("kb_sitemap_excludes", "genindex", "een lijst van teksten", []),
    ("kb_editions", ["2012"], "een dict met de edities per jaar", {}),
    ("kb_book_root", 2012, "een tekst", "boeken/{edition}"),
    ("kb_book_organiser", ["Agendacommissie"], "een tekst of None", None),
    ("kb_preview_problems", "1", "True of False", False),
    ("kb_pagefind", "ja", "True of False", False),
    ("kb_replay_warnings", "ja", "True of False", False),
]


def _build_with(tmp_path, line: str, **kwargs):
    src = copy_root("dutch", tmp_path / "src")
    conf = src / "conf.py"
    conf.write_text(conf.read_text("utf-8") + line + "\n", "utf-8")
    return build(src, freshenv=True, **kwargs)


def test_every_kb_setting_is_declared_in_config_py(tmp_path):
    app = _build_with(tmp_path, "")
    registered = {value.name for value in app.config if value.name.startswith("kb_")}
    assert registered == {setting.name for setting in config.SETTINGS}
    assert all_warning_lines(app.warning.getvalue()) == []


@pytest.mark.parametrize(("name", "value", "expected", "default"), BAD_VALUES)
def test_a_wrong_setting_warns_once_in_dutch_and_takes_the_default(
    tmp_path, name, value, expected, default
):
    app = _build_with(tmp_path, f"{name} = {value!r}")
    lines = all_warning_lines(app.warning.getvalue())
    about = [line for line in lines if name in line]
    assert len(about) == 1, lines  # ours, not Sphinx's own type warning as well
    assert "[kb.config]" in about[0]
    assert (
        f"{name} moet {expected} zijn, niet {value!r}; de standaard ({default!r}) geldt" in about[0]
    )
    assert getattr(app.config, name) == default


@pytest.mark.parametrize("name", ["kb_pagefind", "kb_preview_problems", "kb_replay_warnings"])
def test_a_command_line_switch_is_a_usable_value(tmp_path, name):
    # ``make serve`` passes -D kb_preview_problems=1, ``make linkcheck`` -D kb_pagefind=0
    app = _build_with(tmp_path, "", confoverrides={name: "1"})
    assert getattr(app.config, name) is True
    assert all_warning_lines(app.warning.getvalue()) == []
