"""Stage 1, content: a content file (YAML or JSON, with the tables and files it
includes) read into a validated :class:`~briefgen.content.schema.Brief`.

``schema`` checks schema v1 (``checks`` holds the field checks the list sections
in :mod:`briefgen.sections` share); ``yamlsource`` and ``jsonsource`` keep the
line of every value; ``sources`` follows includes and table references;
``tables`` reads CSV and XLSX; ``dates`` reads dates as people write them;
``syntax`` says YAML and JSON syntax errors plainly. Every error names the file,
line and field, and a file's errors are reported together.
"""
