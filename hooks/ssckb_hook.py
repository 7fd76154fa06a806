"""MkDocs hook: a thin adapter that puts the knowledge base into the site.

All the work is done by the ``ssckb`` package, which knows nothing of MkDocs;
this file only hands its pages to MkDocs and its problems to MkDocs' log, and
tells MkDocs where each page comes from (the file its "edit" button opens, the
date of that file's last commit). Entry bodies arrive already rendered and sanitized
(ssckb/bodyhtml.py), as one block of HTML in the entry page's Markdown. The same file works with ProperDocs, the
maintained fork of MkDocs 1.x.

With the environment variable SSCKB_DUMP_DIR set, every page and file the hook
hands to the engine is also written there, as ``build.py generate`` writes them:
the tests compare the two, engine by engine. With SSCKB_SHARED_FRAGMENTS=off every
page's frame is rendered whole (ssckb/fragments.py): the tests compare the two builds.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs puts only hooks/ on sys.path, and only while importing this file
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from ssckb import filesafety, guide, handwritten, i18n, language_sites, provenance  # noqa: E402
from ssckb.banners import banner_words  # noqa: E402
from ssckb.bodyhtml import resolve_page_links  # noqa: E402
from ssckb.fragments import SharedFragments  # noqa: E402
from ssckb.loading import kind_of_path, translation_entry_path  # noqa: E402
from ssckb.pages import Page  # noqa: E402
from ssckb.published import link_published_files  # noqa: E402
from ssckb.rendering import RenderingContext  # noqa: E402
from ssckb.site import Site, build_site, preview_paths, problems_page  # noqa: E402
from ssckb.template_cache import bytecode_cache  # noqa: E402

# Under the "mkdocs." hierarchy so that `mkdocs build --strict` counts our warnings.
log = logging.getLogger("mkdocs.plugins.ssckb")

_state: dict = {"command": None, "site": None, "root": None, "dates": {}, "dump": None, "offline": False,
                "language": i18n.DEFAULT_LANGUAGE, "handwritten": handwritten.pages_in_language((), i18n.DEFAULT_LANGUAGE)}
_fragments = SharedFragments()


def on_startup(command, dirty):
    _state["command"] = command


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def on_config(config):
    # `mkdocs serve` keeps this module between rebuilds: start every build afresh (and let the
    # collector free what the last build kept, frozen below).
    _state["site"], _state["dates"] = None, {}
    _state["offline"] = _offline(config)
    gc.unfreeze()
    dump = os.environ.get("SSCKB_DUMP_DIR")
    _state["dump"] = Path(dump) if dump else None
    root = Path(config.config_file_path).resolve().parent
    _refuse_links(config, root)
    preview = os.environ.get("SSCKB_PREVIEW")  # set by `build.py serve --only/--changed`
    only = preview_paths(root, preview.split(os.pathsep)) if preview else None
    language = i18n.language_of(config.theme.get("language")).code  # Material's theme.language: the site's language
    _state["language"] = language
    # The site of a language lives in its folder of the published site (es/...): its own address says so
    # (canonical links, sitemap), and the hreflang links start from the whole site's address.
    _state["site_url"] = config.site_url or None
    if config.site_url and i18n.LANGUAGES[language].folder:
        config.site_url = config.site_url.rstrip("/") + "/" + i18n.LANGUAGES[language].folder
    config.extra["alternate"] = language_sites.material_alternates(language, _state["site_url"])  # the selector
    context = RenderingContext(repo_url=config.repo_url or None, offline=_state["offline"], language=language)
    site = build_site(root, Path(config.docs_dir), only_paths=only, context=context)
    if only is not None:
        config.extra["ssckb_preview"] = len(only)
    for problem in site.problems:
        # A missing translation is shown, but as information: --strict fails on warnings, never on it.
        (log.error if problem.is_error else log.info if problem.is_coverage else log.warning)(problem.format())
    if site.error_count and _state["command"] != "serve":
        raise PluginError(f"{site.error_count} error(s) in the knowledge base, listed above. "
                          "Fix them and build again (python build.py check lists them too).")
    if site.error_count:
        config.extra["ssckb_problems"] = site.error_count
    else:
        config.extra.pop("ssckb_problems", None)
    # The banners' words (overrides/main.html), in the site's language.
    config.extra["ssckb_banner"] = banner_words(language, site.error_count, len(only) if only is not None else 0)
    if _state["offline"] and config.repo_url:
        # The offline copy loads nothing from another host, and the theme's repository widget would
        # fetch the repository's stars and forks: drop it, and keep the edit links as plain links.
        config.edit_uri = provenance.absolute_edit_uri(config.repo_url, config.edit_uri)
        config.repo_url = None
    _state["site"], _state["root"] = site, root
    # The knowledge base and its pages live until the build ends: frozen, they are left out of the
    # collections MkDocs' own work sets off, which would otherwise walk them again and again.
    gc.freeze()
    return config


def _read_folders(config) -> list[Path]:
    """The folders MkDocs reads pages, files and templates from."""
    folders = [Path(config.docs_dir)]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    return folders


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _refuse_links(config, root: Path) -> None:
    """Stop before MkDocs lists docs/: it walks the folder following links (a link to / never ends) and
    would publish the file a link points to. While serving too: no page is worth reading a link for."""
    linked = [path for folder in _read_folders(config)
              for path in ([folder] if folder.is_symlink() else
                           [path for path, is_link, _ in filesafety.walk_without_links(folder) if is_link])]
    for path in linked:
        log.error(f"{_shown(path, root)}:1: -: {filesafety.link_message(path)}")
    if linked:
        raise PluginError(f"{len(linked)} symbolic link(s) in the folders MkDocs reads, listed above; "
                          "the site is not built while one is there")


def _drop_linked_files(files, config, root: Path) -> None:
    """Files reached through a link are never published: a second guard behind :func:`_refuse_links`
    (a link made while the build runs, a docs_dir given elsewhere)."""
    folders = _read_folders(config)
    linked = []
    for file in list(files):
        if file.generated_by is not None or not file.abs_src_path:
            continue
        source = Path(file.abs_src_path)
        for folder in folders:
            if folder in source.parents and filesafety.linked_part(source, folder) is not None:
                linked.append(file)
                break
    for file in linked:
        files.remove(file)
        log.error(f"{_shown(Path(file.abs_src_path), root)}:1: -: {filesafety.LINK_MESSAGE.format(what='file')}")
    if linked:
        raise PluginError(f"{len(linked)} file(s) reached through a symbolic link, listed above, are not published; "
                          "remove the links")


def _show_translated_pages(files) -> None:
    """Each hand-written page in the site's language where docs/ has its translation, at the page's own
    address; no translation is a page of its own (ssckb/handwritten.py)."""
    hand_written = {file.src_uri: file for file in files.documentation_pages() if file.generated_by is None}
    shown = _state["handwritten"] = handwritten.pages_in_language(hand_written, _state["language"])
    for path in sorted(shown.left_out):
        files.remove(hand_written[path])
    for page, translation in sorted(shown.translated.items()):
        hand_written[page].abs_src_path = hand_written[translation].abs_src_path
        hand_written[page].edit_uri = translation  # "edit this page" opens the translation


def _dump(path: str, text: str) -> None:
    if _state["dump"] is not None:
        target = _state["dump"] / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")


def _problem_pages(site: Site) -> dict:
    """While serving with errors: the problems page, and a page for each broken entry so links still work."""
    pages = {"problems.md": problems_page(site.problems)}
    for problem in site.problems:
        # (a body translation's problems are listed with the others: it has no page of its own)
        if problem.is_error and kind_of_path(problem.path) and problem.path not in site.entries \
                and translation_entry_path(problem.path) is None:
            own = [p for p in site.problems if p.path == problem.path]
            page = problems_page(own)
            pages[problem.path] = Page(problem.path, {"title": "Entry with problems"}, page.markdown)
    return pages


def on_files(files, config):
    site: Site = _state["site"]
    root: Path = _state["root"]
    _drop_linked_files(files, config, root)
    _show_translated_pages(files)
    docs_dir = Path(config.docs_dir)
    extra_pages = dict(site.generated)
    if site.error_count:
        with i18n.rendering_language(_state["language"]):
            extra_pages.update(_problem_pages(site))
    for path, page in sorted(extra_pages.items()):
        text = page.document()
        file = File.generated(config, path, content=text)
        if path not in site.generated and kind_of_path(path):  # a broken entry's page: edit the entry
            file.edit_uri = provenance.edit_path(root / path, docs_dir)
        files.append(file)
        if path in site.generated:
            _dump(path, text)
    for path, text in sorted(site.static_files.items()):
        files.append(File.generated(config, path, content=text))
        _dump(path, text)
    sources = {}
    for path, source in sorted(site.entry_sources.items()):
        # The page as rendered, not the entry file: MkDocs would parse the file's whole front matter
        # again with its own (pure-Python, YAML 1.1) reader, a tenth of the build at 10,000 entries.
        file = File.generated(config, path, content=site.entries[path].document())
        file.edit_uri = provenance.edit_path(root / source, docs_dir)  # the entry's own file, beside docs/
        files.append(file)
        sources[path] = root / source
    for file in files.documentation_pages():
        if file.generated_by is None and file.abs_src_path and file.src_uri not in sources:
            sources[file.src_uri] = Path(file.abs_src_path)
    _state["dates"] = provenance.last_changed(root, sources)  # one git call for every page
    return files


def on_nav(nav, config, files):
    # Every build passes here before its first page: the parts kept from the last build are dropped.
    _fragments.reset(sidebar_urls=[page.url for page in nav.pages],
                     enabled=os.environ.get("SSCKB_SHARED_FRAGMENTS", "on") != "off")
    return nav


def on_env(env, config, files):
    env.globals["ssckb_fragment"] = _fragments  # used by overrides/partials/ssckb-shared.html
    env.bytecode_cache = bytecode_cache()  # Material's templates, compiled once, not on every build
    return env


def on_page_markdown(markdown, page, config, files):
    site: Site = _state["site"]
    uri = page.file.src_uri
    rendered = site.entries.get(uri)
    if rendered is not None:
        # MkDocs parsed the front matter with its own YAML rules; use the validated values instead.
        page.meta = dict(rendered.meta)
        markdown = rendered.markdown
        _dump(uri, rendered.document())
    elif page.file.generated_by is None:
        try:
            # The field list in the site's language, whose field reference it links to (its headings are translated).
            expanded = guide.expand(markdown, site.knowledge_base.vocabularies, language=_state["language"])
        except guide.GuideError as exc:
            raise PluginError(f"{page.file.src_path}: {exc}") from None
        expanded = handwritten.shown_markdown(expanded, uri, _state["handwritten"], _state["language"])
        if expanded != markdown:  # the contributor guide with its field list, a page left in English
            markdown = expanded
            _dump(uri, markdown)
    date = _state["dates"].get(uri)
    if date:
        page.meta["revision_date"] = date  # shown by the theme as the page's last update
        page.update_date = date  # the sitemap's lastmod
    page.edit_url = provenance.clean_url(page.edit_url)
    return markdown


def on_page_context(context, page, config, nav):
    # The same page in the other languages: the switcher (overrides/partials/alternate.html) and the
    # head's hreflang links (overrides/main.html). The offline copy has no address of its own: relative links.
    site_url = None if _state["offline"] else _state["site_url"]
    context["ssckb_alternates"] = i18n.alternates(page.url, _state["language"], site_url)
    return context


def on_post_page(output, page, config):
    return i18n.with_document_direction(output, _state["language"])  # <html dir="rtl" lang="ar">


def on_page_content(html, page, config, files):
    if page.file.src_uri in _state["site"].entries:  # links to other pages in an entry's body, as MkDocs writes them
        def url_of(path):
            target = files.get_file_from_path(path)
            return target.url_relative_to(page.file) if target is not None else None

        html = resolve_page_links(html, page.file.src_uri, url_of)
    if _state["offline"]:  # the offline copy does not hold the zip it is packed into
        return link_published_files(html, page.url, config.site_url)
    return html
