"""Incremental builds: what the last build read and wrote, and what a new one may reuse.

The stages never import this package: the build hands them key functions made here.
"""

from rsgen.incremental.history import History, Remembered
from rsgen.incremental.keys import InputKeys, TemplateFingerprints
from rsgen.incremental.patch import Patch, snapshot_of
from rsgen.incremental.state import Timeline

__all__ = [
    "History",
    "InputKeys",
    "Patch",
    "Remembered",
    "TemplateFingerprints",
    "Timeline",
    "snapshot_of",
]
