"""The commands besides `build` and `serve`: check, new, related, verify."""

from rsgen.commands.check import check_site
from rsgen.commands.new import new_article
from rsgen.commands.related import explain_related
from rsgen.commands.verify import compare_trees, verify_build

__all__ = ["check_site", "compare_trees", "explain_related", "new_article", "verify_build"]
