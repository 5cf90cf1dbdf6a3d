#!/usr/bin/env bash
# Install the Debian packages alliantie-kb needs (--no-install-recommends).
#
#   scripts/install-system-deps.sh          install what is missing (root or sudo)
#   scripts/install-system-deps.sh --check  exit 1, naming what is missing, if anything
set -euo pipefail

PACKAGES=(
    graphviz    # relationship diagrams (sphinx.ext.graphviz, `dot`)
)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [[ "${1:-}" == "--check" ]]; then
    if ((${#missing[@]})); then
        echo "Missing Debian packages: ${missing[*]}; install them with: sudo scripts/install-system-deps.sh" >&2
        exit 1
    fi
    exit 0
fi

if ((${#missing[@]} == 0)); then
    echo "Debian packages: all present (${PACKAGES[*]})."
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
