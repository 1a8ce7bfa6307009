"""briefgen: one-page briefs in DOCX and PDF from the facts you keep."""

from __future__ import annotations

__version__ = "0.1.0"

from briefgen import dataclass_code  # before any module that makes a dataclass

dataclass_code.install()
