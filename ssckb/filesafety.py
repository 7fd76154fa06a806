"""Files the build must neither follow nor publish: symbolic links, and names Windows keeps for devices.

A link under ``docs/`` would be published as the file it points to (the build machine's password file,
the build process's environment variables), and a linked folder under ``activities/`` would make the
build walk any folder of the machine (its programs, or the whole file system). So no link is followed
in any folder the build reads: each one is an error with its path, and the folders are walked without
following links. Windows cannot create a file or folder named con, prn, aux, nul, com1 to com9 or lpt1
to lpt9, whatever its extension: an id or page address with such a name would make the offline copy's
zip impossible to unpack there.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem

#: The folders of a knowledge base that the build reads (``sources/`` holds the cited documents' files).
READ_FOLDERS = ("activities", "lessons", "learning_routes", "requests", "offers", "sources", "docs", "overrides",
                "vocabularies")
#: Folders whose direct ``*.md`` children are entry files: their reader reports a linked one itself.
ENTRY_FILE_FOLDERS = frozenset({"activities", "lessons", "learning_routes", "requests", "offers", "sources"})
#: Folders whose file names become addresses of the site as they are (entries' names are their ids,
#: checked with the other id rules).
PUBLISHED_NAME_FOLDERS = ("docs", "overrides")
DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                          *(f"lpt{n}" for n in range(1, 10))})
DEVICE_NAMES_TEXT = "con, prn, aux, nul, com1 to com9 and lpt1 to lpt9, with any extension"

LINK_MESSAGE = ("this {what} is a symbolic link, and the build follows no link (it could publish any file of "
                "the machine that builds the site); put the {what} itself here, or remove the link")
DEVICE_MESSAGE = (f"'{{name}}' is a name Windows keeps for a device ({DEVICE_NAMES_TEXT}): the offline copy "
                  "could not be unpacked there; rename it")


def link_message(path: Path) -> str:
    """What is said of a link: to a folder or to a file (or to nothing)."""
    return LINK_MESSAGE.format(what="folder" if Path(path).is_dir() else "file")


def is_device_name(name: str) -> bool:
    """Whether Windows refuses ``name`` as a file or folder name: 'con', 'NUL.md', 'com1.tar.gz'..."""
    return name.split(".", 1)[0].strip().casefold() in DEVICE_NAMES


def walk_without_links(folder: Path):
    """(path, is_link, is_dir) of everything under ``folder``, in a stable order, never entering a link.
    ``os.scandir`` tells links and folders apart from the listing alone: no file is opened or followed."""
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                items = sorted(((item.name, item.is_symlink(), item.is_dir(follow_symlinks=False))
                                for item in listing), reverse=True)
        except OSError:
            continue
        for name, is_link, is_dir in reversed(items):
            path = current / name
            yield path, is_link, is_dir
            if is_dir and not is_link:
                pending.append(path)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def link_problems(root: Path, folders=READ_FOLDERS, extra: tuple = ()) -> list[Problem]:
    """Every symbolic link in the folders the build reads under ``root`` (and in ``extra`` folders,
    shown as (shown path, folder) pairs), and every name of ``docs/`` or ``overrides/`` that Windows
    keeps for a device. A linked entry file is left to the entry reader, which says it in its own words."""
    problems = []
    targets = [(folder, root / folder) for folder in folders] + list(extra)
    for shown_folder, base in targets:
        base = Path(base)
        if base.is_symlink():
            problems.append(Problem(shown_folder, 1, "-", link_message(base)))
            continue
        if not base.is_dir():
            continue
        top = Path(shown_folder).name
        for path, is_link, is_dir in walk_without_links(base):
            shown = f"{shown_folder}/{path.relative_to(base).as_posix()}"
            if is_link:
                if top in ENTRY_FILE_FOLDERS and path.parent == base and path.name.endswith(".md"):
                    continue  # read_entry_file: "the file is a symbolic link; an entry must be an ordinary file"
                problems.append(Problem(shown, 1, "-", link_message(path)))
            elif top in PUBLISHED_NAME_FOLDERS and is_device_name(path.name):
                problems.append(Problem(shown, 1, "-", DEVICE_MESSAGE.format(name=path.name)))
    return problems


def linked_part(path: Path, base: Path) -> Path | None:
    """The first part of ``path``, from ``base`` (excluded) down, that is a symbolic link, or None."""
    path, base = Path(path), Path(base)
    try:
        parts = path.relative_to(base).parts
    except ValueError:
        return path if path.is_symlink() else None
    current = base
    for part in parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def read_text_no_link(path: Path, encoding: str = "utf-8") -> str:
    """The text of a file that must be an ordinary file: a link is refused (``OSError``), not followed."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    if Path(path).is_symlink():
        raise OSError(f"{path} is a symbolic link")
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "r", encoding=encoding) as handle:
        return handle.read()
