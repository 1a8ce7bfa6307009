"""Stage 2, render: a brief through its template into brief markup, then into the
document model.

``view`` turns the brief into the plain read-only data templates see;
``templating`` finds template folders and renders them in ``sandbox`` (an
allow-list, with the limits of ``budget`` and the filters of ``jinjafilters``);
``fieldtemplates`` renders templated content fields; ``markup`` parses the
markup into ``model``; ``inline`` is the inline Markdown of content text;
``catalog`` lists and copies templates.
"""
