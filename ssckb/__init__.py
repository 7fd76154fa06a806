"""South-South Cooperation Knowledge Base: the engine.

Loading, validation, vocabularies, indexes and page rendering of the knowledge
base as plain Python. Nothing here imports MkDocs: the MkDocs hook in
``hooks/`` and ``build.py`` are thin adapters over this package.
"""

__version__ = "0.1.0"
