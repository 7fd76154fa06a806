"""Where a page comes from: the file to edit, and when it last changed in Git.

No MkDocs here: the hook asks these functions and hands the answers to the engine.

``last_changed`` reads every date in one ``git log`` call, whatever the number of
files. A date is left out, never guessed, when Git is missing, the folder is not
a repository, the file has no commit yet, or its last change lies at the edge of
a shallow clone (where Git cannot tell when the file really changed). There is no
fallback to the build time, so the same history always gives the same pages.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit


def edit_path(source: Path, docs_dir: Path) -> str:
    """The path MkDocs appends to ``edit_uri`` (which points at the docs folder) to reach ``source``.

    Entry files live beside ``docs/``, not in it: ``activities/x.md`` becomes ``../activities/x.md``,
    which the edit link resolves to the entry's own file.
    """
    source = Path(source)
    # Folders resolved once each: a build asks this for every entry (an entry file that is itself a
    # link is refused by the loader, so the file name needs no resolving).
    return Path(os.path.relpath(_resolved_folder(source.parent) / source.name,
                                _resolved_folder(Path(docs_dir)))).as_posix()


@lru_cache(maxsize=256)
def _resolved_folder(folder: Path) -> Path:
    return folder.resolve()


def clean_url(url: str | None) -> str | None:
    """``https://host/r/edit/main/docs/../activities/x.md`` -> ``https://host/r/edit/main/activities/x.md``."""
    if not url:
        return url
    parts = urlsplit(url)
    if ".." not in parts.path.split("/") and "." not in parts.path.split("/"):
        return url
    path = posixpath.normpath(parts.path)
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return urlunsplit(parts._replace(path=path))


def absolute_edit_uri(repo_url: str | None, edit_uri: str | None) -> str | None:
    """``edit_uri`` as a full address, for a build that shows no repository widget (the offline copy)."""
    if not edit_uri:
        return edit_uri
    if urlsplit(edit_uri).scheme or not repo_url:
        return edit_uri
    return urljoin(repo_url.rstrip("/") + "/", edit_uri)


def _git_log(root: Path, pathspecs: list[str]) -> str | None:
    command = ["git", "-c", "log.showSignature=false", "log", "--no-color", "--relative",
               "--decorate-refs-exclude=refs/*", "--decorate-refs-exclude=HEAD",
               "--format=%x01%cs%x02%D", "--name-only", "-z", "--", *pathspecs]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, check=False,
                                env={**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C"})
    except OSError:  # no git on this machine
        return None
    if result.returncode != 0:  # not a repository, or no commit yet
        return None
    return result.stdout.decode("utf-8", errors="surrogateescape")


def parse_git_log(output: str) -> dict[str, str]:
    """Path -> date of its newest commit, from ``git log --format=%x01%cs%x02%D --name-only -z``.

    A path whose newest commit is a shallow clone's boundary ("grafted") gets no date.
    """
    dates: dict[str, str] = {}
    seen: set[str] = set()
    for record in output.split("\x01")[1:]:
        header, _, names = record.partition("\x00")
        date, _, refs = header.partition("\x02")
        grafted = "grafted" in (ref.strip() for ref in refs.split(","))
        if names.startswith("\n"):
            names = names[1:]
        for name in names.split("\x00"):
            if not name or name in seen:
                continue
            seen.add(name)
            if not grafted and len(date) == 10:
                dates[name] = date
    return dates


def last_changed(root: Path, files) -> dict:
    """Date (YYYY-MM-DD, the committer's) of the last commit of each file.

    ``files`` maps keys of the caller's choice (page addresses) to paths, absolute or relative to
    ``root``; the result maps the same keys to dates. A plain list of paths is keyed by the paths
    relative to ``root``. Files outside ``root``, or without a known date, are left out.
    """
    root = Path(root).resolve()
    pairs = files.items() if isinstance(files, Mapping) else ((None, name) for name in files)
    wanted: dict = {}
    for key, name in pairs:
        path = Path(name)
        absolute = (path if path.is_absolute() else root / path).resolve()
        try:
            rel = absolute.relative_to(root).as_posix()
        except ValueError:
            continue
        wanted[rel if key is None else key] = rel
    if not wanted:
        return {}
    output = _git_log(root, sorted({rel.split("/", 1)[0] for rel in wanted.values()}))
    if output is None:
        return {}
    dates = parse_git_log(output)
    return {key: dates[rel] for key, rel in sorted(wanted.items()) if rel in dates}
