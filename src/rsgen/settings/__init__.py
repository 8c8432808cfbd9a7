"""Settings: `site.yaml` read once into a frozen, validated `Settings`."""

from rsgen.settings.site_yaml import (
    RESERVED_SEGMENTS,
    Newsletter,
    Section,
    Settings,
    load_settings,
)

__all__ = ["RESERVED_SEGMENTS", "Newsletter", "Section", "Settings", "load_settings"]
