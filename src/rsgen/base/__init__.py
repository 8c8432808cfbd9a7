"""The base layer: what every stage needs and none of them owns.

Errors located by path and line, stable digests, YAML that remembers lines, mapping schemas,
the site's folder names, the build clock, the persistent cache and parse store, worker
processes, and the output folder written all or nothing. Nothing here knows what an article is.
Other layers import the modules directly (`rsgen.base.errors`): each is small and on its own.
"""
