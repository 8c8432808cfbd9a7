"""Settings: `site.yaml` read once into a frozen, validated `Settings`; its `deploy:` block,
which only `rsgen deploy` and `rsgen check` read, into `DeploySettings`."""

from rsgen.settings.deploy import (
    DeploySettings,
    DeployTarget,
    deploy_problems,
    load_deploy_settings,
)
from rsgen.settings.site_yaml import (
    RESERVED_SEGMENTS,
    Newsletter,
    Section,
    Settings,
    base_url_problem,
    load_settings,
)

__all__ = [
    "RESERVED_SEGMENTS",
    "DeploySettings",
    "DeployTarget",
    "Newsletter",
    "Section",
    "Settings",
    "base_url_problem",
    "deploy_problems",
    "load_deploy_settings",
    "load_settings",
]
