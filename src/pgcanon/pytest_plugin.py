"""pytest plugin: fixtures that build sources into scratch databases and compare them.

Registered through the ``pytest11`` entry point; filled in by the catalog issue.
"""

from __future__ import annotations
