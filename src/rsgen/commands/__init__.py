"""The commands besides `build` and `serve`: check, init, new, related, schedule, verify;
and the progress bar of the long ones."""

from rsgen.commands.check import check_site
from rsgen.commands.init import ask, create_site, occupied
from rsgen.commands.new import new_article
from rsgen.commands.progress import one_phase, progress_bar
from rsgen.commands.related import explain_related, unpublished_hint
from rsgen.commands.schedule import Schedule, clock_text, schedule
from rsgen.commands.verify import compare_trees, verify_build

__all__ = [
    "Schedule",
    "ask",
    "check_site",
    "clock_text",
    "compare_trees",
    "create_site",
    "explain_related",
    "new_article",
    "occupied",
    "one_phase",
    "progress_bar",
    "schedule",
    "unpublished_hint",
    "verify_build",
]
