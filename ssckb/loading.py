"""Reading entry files: front matter split off and parsed, problems kept with their lines."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .filesafety import walk_without_links
from .languages import translation_file_language
from .problems import ERROR, WARNING, Problem
from .yamlsafe import parse_yaml

MAX_FILE_BYTES = 256 * 1024

#: Entry kind -> the top-level folder that holds its files.
ENTRY_FOLDERS = {"activity": "activities", "lesson": "lessons", "learning_route": "learning_routes",
                 "request": "requests", "offer": "offers"}


@dataclass
class SourceFile:
    """One entry file as read from disk: its parsed front matter and body."""

    path: str  # repository-relative, with forward slashes
    kind: str
    stem: str
    data: dict | None = None
    lines: dict = field(default_factory=dict)  # field path -> line in the file
    texts: list = field(default_factory=list)  # (field path, value) of every text value
    body: str = ""
    body_line: int = 1
    problems: list = field(default_factory=list)

    def line_of(self, path: tuple) -> int:
        """The file line of a field, or of its nearest enclosing field, or 1."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def split_front_matter(text: str) -> tuple[str, int, str, int]:
    """Split ``---``-delimited front matter from the body.

    Returns (yaml_text, first_yaml_line, body, first_body_line), lines 1-based.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError(1, "no front matter: the file must start with a line '---', "
                                  "then the fields, then a line '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]) + "\n", 2, "\n".join(lines[index + 1:]), index + 2
    raise FrontMatterError(1, "front matter is not closed: add a line '---' after the last field")


def discover_entry_files(root: Path) -> list[tuple[str, str]]:
    """(kind, relative path) of every entry file, in a stable order (a body translation,
    ``name.es.md``, is no entry: see :func:`discover_translation_files`)."""
    found = []
    for kind, folder in ENTRY_FOLDERS.items():
        base = root / folder
        if base.is_dir() and not base.is_symlink():  # a linked folder is reported, never read (filesafety)
            # Names, not Path objects: sorting ten thousand Paths costs more than reading the folder.
            names = sorted(name for name in os.listdir(base) if name.endswith(".md")
                           and (name.count(".") == 1 or translation_file_language(name) is None))
            found.extend((kind, f"{folder}/{name}") for name in names)
    return found


def discover_translation_files(root: Path) -> dict[str, dict[str, str]]:
    """Entry path -> {language: path of the body in that language}: every file ``name.LANG.md`` beside
    the entries, LANG a translation language of the site (ssckb.languages), whether or not ``name.md``
    exists (the check reports one that does not)."""
    found: dict = {}
    for folder in ENTRY_FOLDERS.values():
        base = root / folder
        if base.is_dir() and not base.is_symlink():
            for name in sorted(os.listdir(base)):
                language = translation_file_language(name) if name.count(".") > 1 else None
                if language is not None:
                    entry_name = name[:-len(f".{language}.md")] + ".md"
                    found.setdefault(f"{folder}/{entry_name}", {})[language] = f"{folder}/{name}"
    return found


def translation_entry_path(rel_path: str) -> str | None:
    """The entry a body translation belongs to ('lessons/x.es.md' -> 'lessons/x.md'), or None when
    ``rel_path`` is no body translation."""
    parts = rel_path.replace("\\", "/").split("/")
    language = translation_file_language(parts[-1]) if len(parts) == 2 else None
    if language is None or parts[0] not in ENTRY_FOLDERS.values():
        return None
    return f"{parts[0]}/{parts[1][:-len(f'.{language}.md')]}.md"


def stray_entry_files(root: Path) -> list[Problem]:
    """Files in the entry folders that the site would not show: Markdown files in subfolders
    (a warning) and files whose name does not end in '.md' (an error: an entry would vanish)."""
    problems = []
    for folder in ENTRY_FOLDERS.values():
        base = root / folder
        if base.is_dir() and not base.is_symlink():
            with os.scandir(base) as listing:  # names and kinds in one pass: no stat of each entry file
                # A link is neither walked nor read: filesafety reports it (and the entry reader a linked entry).
                items = sorted((item.name, item.is_dir(follow_symlinks=False)) for item in listing
                               if not item.is_symlink())
            for name, is_dir in items:
                if not is_dir:
                    continue
                for path, is_link, _ in walk_without_links(base / name):
                    if is_link or not path.name.endswith(".md"):
                        continue
                    rel = path.relative_to(root).as_posix()
                    problems.append(Problem(rel, 1, "-", f"entries must be directly in {folder}/, "
                                            f"not in a subfolder; move it to {folder}/{path.name}", WARNING))
            for name, is_dir in items:
                path = base / name
                if name.startswith(".") or name.endswith(".md") or is_dir:
                    continue
                stem = path.name.split(".", 1)[0] if "." in path.name else path.name
                problems.append(Problem(path.relative_to(root).as_posix(), 1, "-",
                                        f"{folder}/ holds entries, and only files ending in '.md' are read; "
                                        f"rename it to {stem.lower() or 'name'}.md if it is an entry, "
                                        "or move it out"))
    return problems


def kind_of_path(rel_path: str) -> str | None:
    """The entry kind of a repository-relative path, or None if it is not an entry file."""
    parts = rel_path.replace("\\", "/").split("/")
    if len(parts) == 2 and parts[1].endswith(".md"):
        for kind, folder in ENTRY_FOLDERS.items():
            if parts[0] == folder:
                return kind
    return None


def _read_file_bytes(root: Path, source: SourceFile) -> bytes | None:
    """The bytes of an entry file (at most one more than the limit), or None with the problem kept."""
    rel_path = source.path
    path = root / rel_path
    try:
        status = os.lstat(path)
        if stat.S_ISLNK(status.st_mode):
            # A link could pull any file of the machine that builds the site into its pages and logs.
            source.problems.append(Problem(rel_path, 1, "-", "the file is a symbolic link; an entry must be an "
                                                             "ordinary file: copy the content instead"))
            return None
        if not stat.S_ISREG(status.st_mode):
            source.problems.append(Problem(rel_path, 1, "-", "this is not an ordinary file (a folder or a device); "
                                                             "an entry must be a Markdown file"))
            return None
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        source.problems.append(Problem(rel_path, 1, "-", f"cannot read the file: {exc.strerror}"))
        return None


def read_entry_file(root: Path, rel_path: str, kind: str) -> SourceFile:
    """Read and parse one entry file; never raises for bad content."""
    stem = rel_path.rsplit("/", 1)[-1][:-3]
    source = SourceFile(path=rel_path, kind=kind, stem=stem)
    raw = _read_file_bytes(root, source)
    if raw is not None:
        parse_entry_bytes(source, raw)
    return source


def read_translation_file(root: Path, rel_path: str, kind: str) -> SourceFile:
    """Read one body translation (``name.es.md``): Markdown only, the whole file its body (line 1 on),
    with the same checks of size, encoding and NUL characters as an entry file; never raises."""
    stem = rel_path.rsplit("/", 1)[-1][:-3]
    source = SourceFile(path=rel_path, kind=kind, stem=stem)
    raw = _read_file_bytes(root, source)
    text = _decoded_text(source, raw) if raw is not None else None
    if text is not None:
        source.body = text
    return source


def _decoded_text(source: SourceFile, raw: bytes) -> str | None:
    """The file's text with line breaks made '\\n', or None when it is too large, not UTF-8 or holds a NUL
    (the problem is kept in ``source``)."""
    path = source.path
    if len(raw) > MAX_FILE_BYTES:
        source.problems.append(Problem(path, 1, "-", f"file is larger than {MAX_FILE_BYTES // 1024} KiB; "
                                                      "shorten it or split it into several entries"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        source.problems.append(Problem(path, 1, "-", "file starts with a byte-order mark (BOM); "
                                                     "save it as UTF-8 without BOM", WARNING))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        source.problems.append(Problem(path, line, "-", f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                                                        "save it with UTF-8 encoding"))
        return None
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        source.problems.append(Problem(path, line, "-", "the file contains a NUL character; remove it"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_entry_bytes(source: SourceFile, raw: bytes) -> None:
    """Fill ``source`` from the file's bytes."""
    path = source.path
    text = _decoded_text(source, raw)
    if text is None:
        return
    try:
        yaml_text, yaml_line, body, body_line = split_front_matter(text)
    except FrontMatterError as exc:
        source.problems.append(Problem(path, exc.line, "-", exc.message))
        return
    parsed = parse_yaml(yaml_text, first_line=yaml_line)
    source.lines = parsed.lines
    source.texts = parsed.texts
    for line, field_path, message in parsed.errors:
        source.problems.append(Problem(path, line, field_path, message, ERROR))
    for line, field_path, message in parsed.warnings:
        source.problems.append(Problem(path, line, field_path, message, WARNING))
    if parsed.data is None and not parsed.errors:
        source.problems.append(Problem(path, 1, "-", "the front matter is empty; fill in the fields "
                                                     "(python build.py new writes a template)"))
    elif parsed.data is not None and not isinstance(parsed.data, dict):
        message = "the front matter must be a list of fields written as 'name: value'"
        if isinstance(parsed.data, str) and ":" in parsed.data:
            message += "; put a space after each ':'"
        source.problems.append(Problem(path, yaml_line, "-", message))
    elif isinstance(parsed.data, dict):
        source.data = parsed.data
    source.body = body
    source.body_line = body_line
