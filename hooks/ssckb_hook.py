"""MkDocs hook: a thin adapter that puts the knowledge base into the site.

All the work is done by the ``ssckb`` package, which knows nothing of MkDocs;
this file only hands its pages to MkDocs and its problems to MkDocs' log.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs puts only hooks/ on sys.path, and only while importing this file
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from ssckb.loading import kind_of_path  # noqa: E402
from ssckb.pages import Page  # noqa: E402
from ssckb.site import Site, build_site, problems_page  # noqa: E402

# Under the "mkdocs." hierarchy so that `mkdocs build --strict` counts our warnings.
log = logging.getLogger("mkdocs.plugins.ssckb")

_state: dict = {"command": None, "site": None, "root": None}


def on_startup(command, dirty):
    _state["command"] = command


def on_config(config):
    # `mkdocs serve` keeps this module between rebuilds: start every build afresh.
    _state["site"] = None
    root = Path(config.config_file_path).resolve().parent
    site = build_site(root, Path(config.docs_dir))
    for problem in site.problems:
        (log.error if problem.is_error else log.warning)(problem.format())
    if site.error_count and _state["command"] != "serve":
        raise PluginError(f"{site.error_count} error(s) in the knowledge base, listed above. "
                          "Fix them and build again (python build.py check lists them too).")
    if site.error_count:
        config.extra["ssckb_problems"] = site.error_count
    else:
        config.extra.pop("ssckb_problems", None)
    _state["site"], _state["root"] = site, root
    return config


def _problem_pages(site: Site) -> dict:
    """While serving with errors: the problems page, and a page for each broken entry so links still work."""
    pages = {"problems.md": problems_page(site.problems)}
    for problem in site.problems:
        if problem.is_error and kind_of_path(problem.path) and problem.path not in site.entries:
            own = [p for p in site.problems if p.path == problem.path]
            page = problems_page(own)
            pages[problem.path] = Page(problem.path, {"title": "Entry with problems"}, page.markdown)
    return pages


def on_files(files, config):
    site: Site = _state["site"]
    root: Path = _state["root"]
    extra_pages = dict(site.generated)
    if site.error_count:
        extra_pages.update(_problem_pages(site))
    for path, page in sorted(extra_pages.items()):
        files.append(File.generated(config, path, content=page.document()))
    for path, text in sorted(site.static_files.items()):
        files.append(File.generated(config, path, content=text))
    for path, source in sorted(site.entry_sources.items()):
        files.append(File(source, src_dir=str(root), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


def on_page_markdown(markdown, page, config, files):
    rendered = _state["site"].entries.get(page.file.src_uri)
    if rendered is None:
        return markdown
    # MkDocs parsed the front matter with its own YAML rules; use the validated values instead.
    page.meta = dict(rendered.meta)
    return rendered.markdown
