"""``build.py``: build, serve, check, generate and scaffold, with ``--help`` on each."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .problems import count_errors
from .scaffold import ScaffoldError, create_entry
from .site import build_site, check_knowledge_base, write_site
from .validation import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent


def _print_problems(problems, output_format: str) -> None:
    for problem in problems:
        print(problem.format_github() if output_format == "github" else problem.format())
    errors = count_errors(problems)
    warnings = len(problems) - errors
    if output_format != "github" or problems:
        print(f"{errors} error(s), {warnings} warning(s).", file=sys.stderr)


def changed_entry_files(root: Path, base: str) -> list[str]:
    """Entry files changed against ``base`` (committed, staged, unstaged or new)."""
    from .loading import kind_of_path

    def git(*args):
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"git {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout.splitlines()

    merge_base = git("merge-base", base, "HEAD")[0]
    paths = set(git("diff", "--name-only", "--diff-filter=AMR", merge_base))
    paths |= set(git("ls-files", "--others", "--exclude-standard"))
    return sorted(p for p in paths if kind_of_path(p) and (root / p).is_file())


def command_check(args) -> int:
    root = Path(args.root)
    only = None
    if args.changed:
        only = changed_entry_files(root, args.base)
        if not only:
            print("No changed entry files.", file=sys.stderr)
            return 0
    elif args.files:
        only = []
        for name in args.files:
            path = Path(name).resolve()
            try:
                only.append(path.relative_to(root.resolve()).as_posix())
            except ValueError:
                only.append(name)
    if only is None:
        problems = check_knowledge_base(root)  # entries, vocabularies, and page addresses
    else:
        _, problems = load_knowledge_base(root, only_paths=only)
    _print_problems(problems, args.format)
    return 1 if count_errors(problems) else 0


def _mkdocs(arguments: list[str], offline: bool = False) -> int:
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    if offline:
        env["SSCKB_OFFLINE"] = "true"
        env.setdefault("SSCKB_SITE_DIR", "site-offline")
    return subprocess.call([sys.executable, "-m", "mkdocs", *arguments], cwd=ROOT, env=env)


def command_build(args) -> int:
    site = build_site(ROOT)
    _print_problems(site.problems, "text")
    if site.error_count:
        return 1
    arguments = ["build", "--strict"] + (["--quiet"] if not args.verbose else [])
    code = _mkdocs(arguments, offline=args.offline)
    if code == 0:
        print(f"Built {'site-offline' if args.offline else 'site'}/", file=sys.stderr)
    return code


def command_serve(args) -> int:
    return _mkdocs(["serve", "--dev-addr", args.dev_addr])


def command_generate(args) -> int:
    root = Path(args.root)
    site = build_site(root)
    _print_problems(site.problems, "text")
    out_dir = Path(args.directory)
    if args.with_docs:
        shutil.copytree(root / "docs", out_dir, dirs_exist_ok=True)
    written = write_site(site, out_dir)
    print(f"Wrote {len(written)} files to {out_dir}", file=sys.stderr)
    return 1 if site.error_count else 0


def command_new(args) -> int:
    try:
        path = create_entry(Path(args.root), args.kind, args.title)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(path.relative_to(Path(args.root)).as_posix())
    return 0


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="build.py", description="Build, preview and check the South-South Cooperation Knowledge Base.")
    sub = main_parser.add_subparsers(dest="command")

    build = sub.add_parser("build", help="validate, then build the site (default command)",
                           description="Validate the knowledge base, then build the site with MkDocs --strict.")
    build.add_argument("--offline", action="store_true",
                       help="build the copy that works from file:// with no network, into site-offline/")
    build.add_argument("--verbose", action="store_true", help="show MkDocs' own messages")
    build.set_defaults(func=command_build)

    serve = sub.add_parser("serve", help="preview the site with live reload",
                           description="Preview the site; problems are shown on a page and the server keeps running.")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    serve.set_defaults(func=command_serve)

    check = sub.add_parser("check", help="validate entries only (fast)",
                           description="Validate the knowledge base and print every problem as "
                                       "path:line: field: message. Exits 1 if there is an error.")
    check.add_argument("files", nargs="*", help="entry files to check (default: everything)")
    check.add_argument("--changed", action="store_true", help="check only entry files changed against --base")
    check.add_argument("--base", default="origin/main", help="branch to compare with for --changed (default origin/main)")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="'github' prints GitHub Actions annotations for pull requests")
    check.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    check.set_defaults(func=command_check)

    generate = sub.add_parser("generate", help="write the generated pages to a folder",
                              description="Write every generated page, entry page and schema to DIR as Markdown, "
                                          "so that any static-site engine can render the knowledge base.")
    generate.add_argument("directory", metavar="DIR")
    generate.add_argument("--with-docs", action="store_true", help="also copy the hand-written pages of docs/")
    generate.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    generate.set_defaults(func=command_generate)

    new = sub.add_parser("new", help="scaffold a new entry file",
                         description="Write a new entry file whose comments explain every field.")
    new.add_argument("kind", choices=("activity", "lesson", "route"))
    new.add_argument("title")
    new.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    new.set_defaults(func=command_new)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        args = parser().parse_args(["build", *(argv or [])])
    return args.func(args)
