"""alliantie_kb: a Sphinx extension for the Sociale Alliantie's knowledge base."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Sphinx's entry point: register everything, say what the extension supports."""
    from .datamodel import DATA_VERSION
    from .extension import setup as _setup

    _setup(app)
    return {
        "version": __version__,
        # one number for the shape of everything kept in the environment
        "env_version": DATA_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
