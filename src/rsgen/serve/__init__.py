"""`rsgen serve`: the preview server, the file watcher and live reload."""

from rsgen.serve.server import serve

__all__ = ["serve"]
