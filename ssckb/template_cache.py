"""Compiled templates kept between builds (Jinja's bytecode cache).

Each build compiles Material's fifty templates and our own before the first page: about
0.2 s, a twentieth of a 100-entry build, and every rebuild under `mkdocs serve`. Jinja
keeps the compiled code per template file and compiles again when the file's text
changes, so a cache can never serve an old template.

The cache lives in Jinja's own folder for the user (in the temporary directory, private to
the user), or in SSCKB_TEMPLATE_CACHE; SSCKB_TEMPLATE_CACHE=off compiles every time. A
cache that cannot be read or written is skipped: the build then compiles, as without it.
"""

from __future__ import annotations

import os
import pickle

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket


class _ForgivingCache(FileSystemBytecodeCache):
    """A folder of compiled templates whose failures (a full disk, a read-only folder) only cost time."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):  # a file cut short: compile
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache() -> BytecodeCache | None:
    """The cache of compiled templates for this user, or None when it is switched off or unusable."""
    folder = os.environ.get("SSCKB_TEMPLATE_CACHE")
    if folder == "off":
        return None
    try:
        if folder:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        return _ForgivingCache(folder or None)
    except (OSError, RuntimeError):  # RuntimeError: Jinja found no folder private to this user
        return None
