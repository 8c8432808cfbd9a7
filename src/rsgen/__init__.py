"""rsgen: a static site generator for news outlets."""

__version__ = "0.1.0"
