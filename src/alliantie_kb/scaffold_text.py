"""What ``alliantie-kb nieuw`` writes for the volunteer to replace.

Shared by the scaffold (which writes it) and the build (which warns while it
is still there, :mod:`.directives`)."""

from __future__ import annotations

from .i18n import N_

#: The comment line a new object's body starts with (a MyST ``%`` comment).
PLACEHOLDER = N_("Replace this line with a description in your own words, with its source.")
