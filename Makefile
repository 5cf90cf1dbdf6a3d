# alliantie-kb: one venv, a few targets. `make help` lists them.
PYTHON     ?= python3
VENV       ?= .venv
BIN        := $(VENV)/bin
BUILDDIR   ?= _build
# The site must stay free of warnings: nitpicky, warnings are errors, but
# report them all before failing.
SPHINXOPTS ?= -W --keep-going -n
# Extra pip requirements, e.g. PIP_EXTRA='sphinx==8.2.*' to test an older Sphinx.
PIP_EXTRA  ?=
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help html test serve clean locale system-deps site-deps pdf epub linkcheck bench bench-10000 bench-navigation two-projects

help:
	@echo "make html    build the site into $(BUILDDIR)/html (creates $(VENV) first)"
	@echo "make test    run the whole test suite"
	@echo "make serve   live preview on http://127.0.0.1:8000, rebuilt on save"
	@echo "make pdf     print editions (LaTeX) into $(BUILDDIR)/pdf/"
	@echo "make epub    e-book into $(BUILDDIR)/epub/"
	@echo "make linkcheck  check the external links (needs the internet)"
	@echo "make bench   benchmark against the same site by hand, text only and sphinx-needs (long)"
	@echo "make bench-10000   the same at 100, 1,000 and 10,000 pages with -j 2 (long)"
	@echo "make bench-navigation  how the Read the Docs navigation grows with the pages"
	@echo "make two-projects  two editions as two projects, joined by intersphinx"
	@echo "make locale  update and compile the extension's Dutch message catalogue"
	@echo "make clean   remove $(BUILDDIR) (keeps $(VENV))"
	@echo "make system-deps  install the Debian packages of the build and the tests"

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,site]' $(PIP_EXTRA)
	@touch $@

$(BIN)/.installed-test: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,site,test]' $(PIP_EXTRA)
	@touch $@

# Debian packages, installed when missing by scripts/install-system-deps.sh:
# graphviz for the site; TeX, poppler and Java as well for the tests.
system-deps:
	@scripts/install-system-deps.sh --check all 2>/dev/null || scripts/install-system-deps.sh all

site-deps:
	@scripts/install-system-deps.sh --check site 2>/dev/null || scripts/install-system-deps.sh site

html: site-deps $(BIN)/.installed
	$(BIN)/sphinx-build -c . docs $(BUILDDIR)/html $(SPHINXOPTS)

test: system-deps $(BIN)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Only the preview shows each page's problems on the page (kb_preview_problems).
# The preview indexes for search after each build, in a process of its own
# (kb_pagefind_background): a save shows without waiting for Pagefind, and the
# search page waits for its build's index (benchmarks/serve_loop.py measures it).
serve: site-deps $(BIN)/.installed
	$(BIN)/sphinx-autobuild -c . docs $(BUILDDIR)/html --host 127.0.0.1 --port 8000 \
		--ignore '*.swp' -n --keep-going -D kb_preview_problems=1 -D kb_pagefind_background=1

# One PDF per entry of kb_editions in conf.py; without TeX it says, in one
# line, what to install (it does not install TeX by itself).
pdf: site-deps $(BIN)/.installed
	$(BIN)/python -m alliantie_kb.book pdf --bron docs --conf . --bouw $(BUILDDIR)

epub: site-deps $(BIN)/.installed
	$(BIN)/python -m alliantie_kb.book epub --bron docs --conf . --bouw $(BUILDDIR)

linkcheck: site-deps $(BIN)/.installed
	$(BIN)/sphinx-build -b linkcheck -c . docs $(BUILDDIR)/linkcheck -D kb_pagefind=0

# Writes benchmarks/prestaties.md; BENCH_ARGS='--sizes 100 --repeat 1' for a quick look.
BENCH_ARGS ?=
bench: system-deps $(BIN)/.installed-test
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# 100, 1,000 and 10,000 pages with -j 2, the Read the Docs theme and pages in
# sections of 100; writes benchmarks/prestaties-10000.md. About 45 minutes per
# flavour at 10,000 pages here: BENCH_ARGS='--flavours kb plain' picks some.
bench-10000: system-deps $(BIN)/.installed-test
	$(BIN)/python benchmarks/run.py --sizes 100 1000 10000 --jobs 2 --repeat 1 \
	  --theme rtd --section 100 --no-move --serve-sizes --work $(BUILDDIR)/bench10k \
	  --out benchmarks/prestaties-10000.md --append /dev/null $(BENCH_ARGS)

# How the Read the Docs theme's navigation grows; writes benchmarks/navigatie.md.
bench-navigation: system-deps $(BIN)/.installed-test
	$(BIN)/python benchmarks/navigation.py

# Two editions as two projects built in parallel, joined by intersphinx, one
# merged search (benchmarks/two_projects.py); TWO_PROJECTS_PAGES per edition.
TWO_PROJECTS_PAGES ?= 100
two-projects: system-deps $(BIN)/.installed-test
	$(BIN)/python benchmarks/two_projects.py $(TWO_PROJECTS_PAGES)

locale: $(BIN)/.installed
	$(BIN)/python scripts/i18n.py

clean:
	rm -rf $(BUILDDIR)
