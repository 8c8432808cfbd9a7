"""The commands besides `build` and `serve`: check, init, new, related, schedule, verify."""

from rsgen.commands.check import check_site
from rsgen.commands.init import ask, create_site, occupied
from rsgen.commands.new import new_article
from rsgen.commands.related import explain_related
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
    "schedule",
    "verify_build",
]
