"""`briefgen serve`: the brief in the browser as you write it.

A local server shows each brief's page as the PDF draws it, how it fits and
what changed since readers last saw it; saving any file a brief is made from
(content, a table, a template, a theme, briefgen.toml) sends the new page to
the open browser by server-sent events. Everything is made in memory, with
the pipeline a build uses; nothing is written to the output folder or the
project (LibreOffice's view of the DOCX is converted in a scratch folder that
is removed when serve stops).

- render.py: one brief, made in memory
- briefs.py: every brief as it is now, made again as files change
- watching.py: which files to watch, and their file events
- pages.py, html.py: the pages, built as elements; static/: their style and script
- app.py: what each address gives; server.py: the HTTP server and its rules
- libreoffice.py: the DOCX as LibreOffice lays it out
- loop.py: all of it together, until Ctrl-C
"""
