"""Building many briefs again and again, safely: ``runner`` (one run, as the
commands call it) over ``build`` (plan, make and write under the output folder's
``lock``), ``manifest`` (what each brief was built from), ``editions`` (what
changed since the last edition), ``safewrite``, worker processes (``parallel``,
``job``), ``shard``, ``progress``, and the loops of ``watch`` and ``schedule``
(with ``cron``).
"""
