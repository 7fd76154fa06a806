#!/usr/bin/env python3
"""The South-South Cooperation Knowledge Base's command line.

    python build.py                    build the site into site/ (validates first)
    python build.py build --offline    build the offline copy into site-offline/
    python build.py serve              preview with live reload on http://127.0.0.1:8000
    python build.py check [FILES]      validate only: every problem as path:line: field: message
    python build.py generate DIR       write the generated pages to DIR (engine-independent)
    python build.py new activity "Title"   scaffold a new entry (also: lesson, route)
"""

from ssckb.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
