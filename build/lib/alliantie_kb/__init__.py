"""alliantie_kb: a Sphinx extension for the Sociale Alliantie's knowledge base."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

#: Bump when the shape of the domain data changes, so old pickles are dropped.
ENV_VERSION = 1


def setup(app) -> dict[str, Any]:
    from .extension import setup as _setup

    _setup(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
