#!/bin/sh
# Regenerates the locks requirements.txt and requirements-dev.txt from the direct dependencies in
# requirements.in and requirements-dev.in, with the hash of every file pip may install (installs then run
# `pip install --require-hashes -r requirements-dev.txt`). Run from anywhere:
#
#     sh tools/lock-requirements.sh
#
# The result is the same on every run: the .in files pin each direct dependency exactly, and uv keeps every
# other package at the version the existing lock has, unless a pin in a .in file needs another one (to upgrade
# a package that is not pinned in a .in file, delete its lines from the locks first). The locks hold every
# platform's packages (--universal) for Python 3.11 and later, which the README asks for.
set -eu
cd "$(dirname "$0")/.."
UV="${UV:-.venv/bin/uv}"
for name in requirements requirements-dev; do
  "$UV" pip compile --quiet --generate-hashes --universal --python-version 3.11 \
    --custom-compile-command "sh tools/lock-requirements.sh" \
    --output-file "$name.txt" "$name.in"
done
