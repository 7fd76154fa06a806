"""``build.py``: build, serve, check, generate, scaffold, turn an issue into an entry and update the guide,
with ``--help`` on each."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

from .addresses import check_knowledge_base
from .filesafety import walk_without_links
from .problems import Problem, count_errors, sort_problems, summary_line
from .validation import load_knowledge_base

# The commands that make pages import what makes them (.site, .guide, .scaffold) when they run:
# `build.py check` in a pull request should not pay for loading the page templates and views.

ROOT = Path(__file__).resolve().parent.parent


def _print_problems(problems, output_format: str, language: str | None = None) -> None:
    for problem in problems:
        print(problem.format_github() if output_format == "github" else problem.format())
    if output_format != "github" or problems:
        print(summary_line(problems, language), file=sys.stderr)


#: Files whose change can break any entry: a changed one means checking everything.
SHARED_PREFIXES = ("ssckb/vocabularies/", "ssckb/schemas/", "vocabularies/")


def _is_shared(rel_path: str) -> bool:
    return rel_path.startswith(SHARED_PREFIXES)


def changed_files(root: Path, base: str) -> list[str]:
    """Files changed against ``base`` (committed on this branch, staged, unstaged or new), that still exist."""

    def git(*args):
        try:
            result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        except OSError:
            raise SystemExit("error: --changed needs Git, which is not installed here; "
                             "give the files to check instead") from None
        if result.returncode != 0:
            detail = result.stderr.strip().splitlines()[-1:] or [""]
            raise SystemExit(f"error: cannot compare with '{base}' ({detail[0]}); "
                             f"name the main branch with --base, e.g. --base main or --base upstream/main")
        return result.stdout.splitlines()

    merge_base = git("merge-base", base, "HEAD")[0]
    paths = set(git("-c", "core.quotePath=false", "diff", "--name-only", "--diff-filter=AMR", merge_base))
    paths |= set(git("-c", "core.quotePath=false", "ls-files", "--others", "--exclude-standard"))
    return sorted(p for p in paths if (root / p).is_file())


def _selected_files(root: Path, names: list[str]) -> tuple[list[str] | None, list[Problem]]:
    """The entry files to check among ``names`` (None: everything, because a vocabulary or schema is among
    them), and problems for names that are not files."""
    from .loading import kind_of_path
    from .sources import is_source_path

    only, problems = [], []
    for name in names:
        path = Path(name)
        absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
        try:
            rel = absolute.relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = name.replace("\\", "/")
        if not absolute.exists():
            problems.append(Problem(rel, 1, "-", "no such file; check the name and the folder"))
        elif _is_shared(rel):
            return None, problems
        elif kind_of_path(rel) or is_source_path(rel):
            only.append(rel)
        else:
            print(f"note: {rel} is not an entry file (entries are the .md files directly in activities/, "
                  "lessons/ and learning_routes/, and sources those in sources/); not checked", file=sys.stderr)
    return only, problems


def command_check(args) -> int:
    root = Path(args.root)
    only, extra = None, []
    if args.changed:
        changed = changed_files(root, args.base)
        from .sources import is_source_path

        if any(_is_shared(p) for p in changed):
            print("A vocabulary or schema changed: checking every entry.", file=sys.stderr)
            only = None
        elif any(is_source_path(p) for p in changed):
            # Entries are checked against their sources (ids, the form of locations): any may be affected.
            print("A source changed: checking every entry and source.", file=sys.stderr)
            only = None
        else:
            only, extra = _selected_files(root, [str(root / p) for p in changed])
            if not only:
                print("No changed entry files.", file=sys.stderr)
                return 0
    elif args.files:
        only, extra = _selected_files(root, args.files)
        if only == [] and not extra:
            print("No entry file to check.", file=sys.stderr)
            return 0
    if only is None:
        problems = check_knowledge_base(root)  # entries, vocabularies, and page addresses
    else:
        _, problems = load_knowledge_base(root, only_paths=only)
    problems = sort_problems(list(problems) + extra)
    if args.language:
        from .checkmessages import localized_problems

        problems = localized_problems(problems, args.language)
    _print_problems(problems, args.format, args.language)
    return 1 if count_errors(problems) else 0


def _site_dir(offline: bool) -> Path:
    """Where MkDocs writes the site: mkdocs.yml's ``site_dir`` (SSCKB_SITE_DIR), relative to the repository."""
    name = os.environ.get("SSCKB_SITE_DIR") or ("site-offline" if offline else "site")
    return Path(name) if Path(name).is_absolute() else ROOT / name


def _mkdocs(arguments: list[str], offline: bool = False, extra_env: dict | None = None) -> int:
    env = dict(os.environ, **(extra_env or {}))
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    if offline:
        env["SSCKB_OFFLINE"] = "true"
        env.setdefault("SSCKB_SITE_DIR", "site-offline")
    return subprocess.call([sys.executable, "-m", "mkdocs", *arguments], cwd=ROOT, env=env)


#: The folder a reader gets when unpacking the offline zip.
ZIP_FOLDER = "ssc-knowledge-base"


def write_zip(site_dir: Path, target: Path, folder: str = ZIP_FOLDER) -> int:
    """Pack a built site into ``target`` under ``folder/``; the same files give the same bytes
    (sorted names, fixed dates and permissions). Returns the number of files."""
    site_dir, target = Path(site_dir).resolve(), Path(target).resolve()
    if site_dir == target or site_dir in target.parents:
        raise ValueError(f"the zip cannot be written inside the folder it packs ({site_dir})")
    files = sorted((p for p in site_dir.rglob("*") if p.is_file()), key=lambda p: p.relative_to(site_dir).as_posix())
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(target)
    return len(files)


def _languages(requested: str | None) -> list[str]:
    """The languages to build: all of ssckb/i18n.py's, English first (its build empties the site's folder,
    the others are built into their folders inside it), or those named (e.g. "en,es")."""
    from .i18n import LANGUAGES

    if not requested:
        return list(LANGUAGES)
    codes = [code.strip() for code in requested.split(",") if code.strip()]
    unknown = [code for code in codes if code not in LANGUAGES]
    if unknown:
        raise SystemExit(f"error: unknown language(s) {', '.join(unknown)}; the site's languages are "
                         f"{', '.join(LANGUAGES)}")
    return sorted(codes, key=list(LANGUAGES).index)


def command_build(args) -> int:
    from . import language_sites
    from .i18n import LANGUAGES
    from .site import build_site

    site = build_site(ROOT)
    _print_problems(site.problems, "text")
    if site.error_count:
        return 1
    stale = language_sites.stale_configs(ROOT)
    if stale:
        print(f"error: {', '.join(stale)} out of date; run 'python build.py languages' and commit the result",
              file=sys.stderr)
        return 1
    site_dir = _site_dir(args.offline)
    for language in _languages(args.languages):
        arguments = ["build", "--strict"] + (["--quiet"] if not args.verbose else [])
        if language != "en":
            arguments += ["--config-file", language_sites.config_name(language),
                          "--site-dir", str(site_dir / LANGUAGES[language].folder)]
        code = _mkdocs(arguments, offline=args.offline)
        if code != 0:
            return code
    print(f"Built {site_dir.relative_to(ROOT) if ROOT in site_dir.parents else site_dir}/", file=sys.stderr)
    if args.zip:
        try:
            count = write_zip(site_dir, Path(args.zip))
        except (OSError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"Wrote {args.zip} ({count} files): unpack it and open {ZIP_FOLDER}/index.html", file=sys.stderr)
    return 0


#: What ``build.py serve`` says when it cannot preview what it was asked to.
SERVE_MESSAGES = {
    "missing": "error: {name}: no such file; check the name and the folder (serve --only takes entry files, "
               "e.g. activities/my-activity.md)",
    "not_entry": "error: {name} is not an entry file; serve --only takes the .md files directly in activities/, "
                 "lessons/ and learning_routes/",
    "no_changes": "No changed entry files: serving the whole site.",
}


def changed_entry_files(root: Path, base: str) -> list[str]:
    """The entry files changed against ``base`` (see :func:`changed_files`)."""
    from .loading import kind_of_path

    return [path for path in changed_files(root, base) if kind_of_path(path)]


def _preview_files(names: list[str], root: Path) -> tuple[list[str], list[str]]:
    """(entry files relative to ``root``, error messages) for the names given to ``serve --only``."""
    from .loading import kind_of_path

    paths, errors = [], []
    for name in names:
        path = Path(name)
        absolute = path if path.is_absolute() else Path.cwd() / path
        rel = _relative_to_root(name, root)
        if not absolute.is_file() and not (root / rel).is_file():
            errors.append(SERVE_MESSAGES["missing"].format(name=name))
        elif not kind_of_path(rel):
            errors.append(SERVE_MESSAGES["not_entry"].format(name=name))
        else:
            paths.append(rel)
    return paths, errors


def command_serve(args) -> int:
    env = {}
    if args.changed or args.only:
        root = ROOT
        if args.changed:
            paths = changed_entry_files(root, args.base)
        else:
            paths, errors = _preview_files(args.only, root)
            if errors:
                for message in errors:
                    print(message, file=sys.stderr)
                return 1
        if not paths:
            print(SERVE_MESSAGES["no_changes"], file=sys.stderr)
        else:
            env["SSCKB_PREVIEW"] = os.pathsep.join(paths)
            print(f"Preview of {len(paths)} entr{'y' if len(paths) == 1 else 'ies'} and the pages they appear on "
                  "(other entries are left out).", file=sys.stderr)
    return _serve(["serve", "--dev-addr", args.dev_addr], extra_env=env)


#: How long the server may take to stop before it is killed.
STOP_TIMEOUT = 10


def _serve(arguments: list[str], extra_env: dict) -> int:
    """Run ``mkdocs serve`` until it ends or this process is told to stop (Ctrl-C, SIGINT, SIGTERM):
    then the server is stopped too, so that it does not keep running and holding the port."""
    env = dict(os.environ, **extra_env)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", *arguments], cwd=ROOT, env=env)
    stopped = []

    def stop(signum, frame):
        stopped.append(signum)
        if server.poll() is None:
            server.terminate()

    signals = [signal.SIGINT, signal.SIGTERM]
    previous = {number: signal.signal(number, stop) for number in signals}
    try:
        code = server.wait()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    if stopped:
        print("Stopped the preview server.", file=sys.stderr)
        return 0
    return code


def _relative_to_root(name: str, root: Path) -> str:
    path = Path(name).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return name.replace("\\", "/")


def command_generate(args) -> int:
    from . import guide
    from .handwritten import pages_in_language, shown_markdown
    from .site import build_site, write_site

    from dataclasses import replace

    from .i18n import language_of
    from .rendering import context_from_config

    root = Path(args.root)
    # With the repository's address of root's mkdocs.yml: the pages MkDocs gets; in the language asked for.
    context = context_from_config(root / "mkdocs.yml")
    if args.language:
        try:
            context = replace(context, language=language_of(args.language).code)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    site = build_site(root, context=context)
    _print_problems(site.problems, "text")
    out_dir = Path(args.directory)
    if args.with_docs and not (root / "docs").is_symlink():
        # Links are left out (the check reports them): copied, they would bring in the file they point to.
        shutil.copytree(root / "docs", out_dir, dirs_exist_ok=True,
                        ignore=lambda folder, names: [name for name in names if os.path.islink(os.path.join(folder, name))])
        # The hand-written pages as the site shows them: in its language where docs/ has their translation
        # (ssckb/handwritten.py), the contributor guide with its field list.
        pages = sorted(path.relative_to(root / "docs").as_posix() for path, is_link, _ in walk_without_links(root / "docs")
                       if not is_link and path.name.endswith(".md") and path.is_file())
        shown = pages_in_language(pages, context.language)
        for page in pages:
            target = out_dir / page
            if page in shown.left_out:
                target.unlink()
                continue
            source = shown.translated.get(page, page)
            text = (root / "docs" / source).read_text(encoding="utf-8")
            try:
                expanded = guide.expand(text, site.knowledge_base.vocabularies, language=context.language)
            except guide.GuideError as exc:
                print(f"error: docs/{source}: {exc}", file=sys.stderr)
                return 1
            expanded = shown_markdown(expanded, page, shown, context.language)
            if source != page or expanded != text:
                target.write_text(expanded, encoding="utf-8", newline="\n")
    written = write_site(site, out_dir)
    print(f"Wrote {len(written)} files to {out_dir}", file=sys.stderr)
    return 1 if site.error_count else 0


def command_languages(args) -> int:
    from . import language_sites

    root = Path(args.root)
    if args.check:
        stale = language_sites.stale_configs(root)
        _print_problems([Problem(name, 1, "-", "out of date; run 'python build.py languages' and commit the result")
                         for name in stale], "text")
        return 1 if stale else 0
    for name in language_sites.write_configs(root):
        print(f"Updated {name}", file=sys.stderr)
    return 0


def command_messages(args) -> int:
    from . import catalogs

    root = Path(args.root)
    if args.check:
        problems = catalogs.catalog_problems(root)
        _print_problems(problems, "text")
        return 1 if count_errors(problems) else 0
    for line in catalogs.update_catalogs(root):
        print(line, file=sys.stderr)
    return 0


def command_guide(args) -> int:
    from . import guide

    root = Path(args.root)
    try:
        if args.check:
            stale = guide.stale_files(root)
            problems = [Problem(rel, 1, "-", "out of date; run 'python build.py guide' and commit the result")
                        for rel in stale]
            _print_problems(problems, args.format)
            return 1 if stale else 0
        changed = guide.write_files(root)
    except guide.GuideError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for rel in changed:
        print(f"Updated {rel}", file=sys.stderr)
    if not changed:
        print(f"{guide.CONTRIBUTING} and the issue forms are up to date.", file=sys.stderr)
    return 0


def command_new(args) -> int:
    from .scaffold import ScaffoldError, create_entry, create_source

    root = Path(args.root)
    try:
        path = create_source(root, args.title, args.language or "en") if args.kind == "source" else \
            create_entry(root, args.kind, args.title, args.language or "en")
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    rel = path.relative_to(root).as_posix()
    print(rel)
    if args.kind == "source":
        print(f"Its id is {path.stem}: cite it in an entry as\n"
              f"    sources:\n      - source: {path.stem}\n        locations: [\"page 12\"]", file=sys.stderr)
    print(f"Next: fill in {rel} (the comments say what each field means), then check it with\n"
          f"    python build.py check {rel}\n"
          "and preview the site with: python build.py serve", file=sys.stderr)
    return 0


def command_from_issue(args) -> int:
    """Exit 0: the entry is written and every answer mapped; 1: written, with answers left for review
    (listed, and marked REVIEW: in the file so that check fails); 2: nothing written."""
    from .contrib import fromissue
    from .contrib.forms import FORM_LANGUAGES, ISSUE_FORMS, issue_form_path
    from .contrib.issueform import load_form
    from .contrib.messages import REPORT

    root = Path(args.root)
    try:
        body = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    # The forms of the knowledge base when it has them, else those of this repository; in every language.
    forms = {kind: [load_form(root / path if (root / path).is_file() else ROOT / path)
                    for path in (issue_form_path(kind, language) for language in FORM_LANGUAGES)
                    if (root / path).is_file() or (ROOT / path).is_file()]
             for kind in ISSUE_FORMS}
    knowledge_base, _ = load_knowledge_base(root)
    entries = {kind: {entry.id: entry.title for entry in found.values()}
               for kind, found in knowledge_base.entries.items()}
    kind = {"route": "learning_route"}.get(args.kind, args.kind)
    issue = args.issue or None  # the workflow passes an empty address when it has none
    if issue is not None and not fromissue.ISSUE_ADDRESS.match(issue):
        print(f"error: --issue '{args.issue}' is not the address of an issue (https://.../issues/NUMBER)",
              file=sys.stderr)
        return 2
    from .i18n import rendering_language

    # The review messages and the report in the maintainer's language (the entry written is the same).
    with rendering_language(args.language or "en"):
        try:
            draft, text, problems = fromissue.convert(body, forms, knowledge_base.vocabularies, entries,
                                                       knowledge_base.sources, kind, issue)
            fromissue.write_entry(root, draft, text)
        except fromissue.FromIssueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(draft.path)
        for problem in problems:
            print(problem.format())
        if args.report:
            Path(args.report).write_text(fromissue.report_markdown(draft, problems), encoding="utf-8")
        said = REPORT["command_to_review" if problems else "command_all_mapped"]
        print(said.format(count=len(problems), path=draft.path), file=sys.stderr)
    return 1 if problems else 0


def _contributor_language(code: str) -> str:
    """A language of the site, for --language (argparse says what is wrong with another)."""
    from .i18n import language_of

    try:
        return language_of(code).code
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _language_default() -> str | None:
    """The contributor's language when --language is not given: SSCKB_LANGUAGE, if it names a language of the site."""
    from .i18n import LANGUAGES

    code = os.environ.get("SSCKB_LANGUAGE", "")
    return code if code in LANGUAGES else None


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="build.py", description="Build, preview and check the South-South Cooperation Knowledge Base.")
    sub = main_parser.add_subparsers(dest="command")

    build = sub.add_parser("build", help="validate, then build the site (default command)",
                           description="Validate the knowledge base, then build the site with MkDocs --strict.")
    build.add_argument("--offline", action="store_true",
                       help="build the copy that works from file:// with no network, into site-offline/")
    build.add_argument("--verbose", action="store_true", help="show MkDocs' own messages")
    build.add_argument("--languages", metavar="CODES",
                       help="build only these languages, e.g. 'en' or 'en,es' (default: every language, "
                            "English at the root and each other one in its folder: es/, fr/, pt/, ar/)")
    build.add_argument("--zip", metavar="PATH",
                       help="also pack the built site into a zip file at PATH, e.g. with --offline: "
                            "site/download/ssc-knowledge-base-offline.zip")
    build.set_defaults(func=command_build)

    serve = sub.add_parser("serve", help="preview the site with live reload",
                           description="Preview the site; problems are shown on a page and the server keeps running.")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    serve.add_argument("--only", nargs="+", metavar="FILE",
                       help="fast preview: only these entries (and those they link to) and the pages they appear on")
    serve.add_argument("--changed", action="store_true",
                       help="fast preview of the entries changed against --base")
    serve.add_argument("--base", default="origin/main", help="branch to compare with for --changed")
    serve.set_defaults(func=command_serve)

    check = sub.add_parser("check", help="validate entries only (fast)",
                           description="Validate the knowledge base and print every problem as "
                                       "path:line: field: message. Exits 1 if there is an error.")
    check.add_argument("files", nargs="*", help="entry or source files to check (default: everything)")
    check.add_argument("--changed", action="store_true", help="check only entry files changed against --base")
    check.add_argument("--base", default="origin/main", help="branch to compare with for --changed (default origin/main)")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="'github' prints GitHub Actions annotations for pull requests")
    check.add_argument("--language", metavar="CODE", type=_contributor_language,
                       default=_language_default(), help="the language of the messages: en (default, or "
                       "the SSCKB_LANGUAGE environment variable), es, fr, pt, ar; the 'path:line: field:' "
                       "part never changes")
    check.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    check.set_defaults(func=command_check)

    generate = sub.add_parser("generate", help="write the generated pages to a folder",
                              description="Write every generated page, entry page and schema to DIR as Markdown, "
                                          "so that any static-site engine can render the knowledge base.")
    generate.add_argument("directory", metavar="DIR")
    generate.add_argument("--with-docs", action="store_true", help="also copy the hand-written pages of docs/")
    generate.add_argument("--language", metavar="CODE",
                          help="the language of the pages: en (default, or mkdocs.yml's theme.language), es, fr, pt, ar")
    generate.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    generate.set_defaults(func=command_generate)

    guide_parser = sub.add_parser(
        "guide", help="update CONTRIBUTING.md and the issue forms from the guide and the schemas",
        description="Write CONTRIBUTING.md (docs/contribute.md with its field list generated from the schemas and "
                    "vocabularies) and the 'propose an entry' issue forms. With --check, change nothing and "
                    "exit 1 if either is out of date.")
    guide_parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is out of date")
    guide_parser.add_argument("--format", choices=("text", "github"), default="text",
                              help="'github' prints GitHub Actions annotations")
    guide_parser.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    guide_parser.set_defaults(func=command_guide)

    languages = sub.add_parser(
        "languages", help="write the MkDocs configuration of each language (mkdocs.<code>.yml)",
        description="Write mkdocs.es.yml, mkdocs.fr.yml... from mkdocs.yml and the catalogs (the site's name and "
                    "navigation translated). With --check, change nothing and exit 1 if one is out of date.")
    languages.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is out of date")
    languages.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    languages.set_defaults(func=command_languages)

    messages = sub.add_parser(
        "messages", help="update the message catalogs (locale/) from the code and templates",
        description="Extract the generated words of ssckb/ (babel.cfg) into locale/messages.pot and merge them "
                    "into each language's locale/<code>/LC_MESSAGES/messages.po, new ones untranslated. With "
                    "--check, change nothing and list every message a catalog lacks or leaves untranslated.")
    messages.add_argument("--check", action="store_true", help="change nothing; exit 1 if a catalog lacks a message")
    messages.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    messages.set_defaults(func=command_messages)

    new = sub.add_parser("new", help="scaffold a new entry or source file",
                         description="Write a new entry file (activity, lesson, route, request, offer) or source "
                                     "file (in sources/) whose comments explain every field, and print its path.")
    new.add_argument("kind", choices=("activity", "lesson", "route", "request", "offer", "source"))
    new.add_argument("title")
    new.add_argument("--language", metavar="CODE", type=_contributor_language, default=_language_default(),
                     help="the language of the file's comments: en (default, or the SSCKB_LANGUAGE environment "
                     "variable), es, fr, pt, ar; the field names stay the schema's")
    new.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    new.set_defaults(func=command_new)

    from_issue = sub.add_parser(
        "from-issue",
        help="turn a filled issue form ('propose', 'I want to learn', 'We can share') into an entry file",
        description="Read the body of an issue made from a 'propose an activity / lesson / learning route', "
                    "'I want to learn' (request) or 'We can share' (offer) form "
                    "(as GitHub renders it) and write the entry file: names mapped to codes and ids, amounts to "
                    "numbers, years to {start, end}. Prints the file written and every answer it could not map "
                    "(left in the file marked REVIEW:, which check rejects). Exit 0: all mapped; 1: answers to "
                    "review; 2: nothing written.")
    from_issue.add_argument("file", metavar="FILE", help="the issue's body, as a text file")
    from_issue.add_argument("--kind", choices=("activity", "lesson", "route", "request", "offer"),
                            help="the form the issue was made from (default: found from its questions)")
    from_issue.add_argument("--issue", metavar="URL",
                            help="the issue's address: a request or an offer says to answer it there")
    from_issue.add_argument("--report", metavar="PATH", help="also write a Markdown report for the issue to PATH")
    from_issue.add_argument("--language", metavar="CODE", type=_contributor_language, default=_language_default(),
                            help="the language of the review messages and the report: en (default, or the "
                            "SSCKB_LANGUAGE environment variable), es, fr, pt, ar; the entry written is the same")
    from_issue.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    from_issue.set_defaults(func=command_from_issue)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        args = parser().parse_args(["build", *(argv or [])])
    return args.func(args)
