"""The floors the build is compared with, each run as its own process by run.py.

    python benchmarks/floor.py yaml KB_DIR          parse every entry's front matter with libyaml
    python benchmarks/floor.py pipeline DOCS OUT    Markdown + Jinja2 over every page: a bare static-site pipeline
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import markdown
import yaml

TEMPLATE = jinja2.Template("<!doctype html><html lang=en><head><meta charset=utf-8><title>{{ title }}</title>"
                           "</head><body><main>{{ body }}</main></body></html>")


def yaml_floor(root: Path) -> int:
    count = 0
    for folder in ("activities", "lessons", "learning_routes"):
        for path in sorted((root / folder).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            front = text.split("\n---\n", 1)[0][4:]
            yaml.load(front, Loader=yaml.CSafeLoader)
            count += 1
    return count


def pipeline_floor(docs: Path, out: Path) -> int:
    converter = markdown.Markdown(extensions=["tables", "toc", "attr_list", "md_in_html", "admonition"])
    count = 0
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        title = path.stem
        if text.startswith("---\n"):
            front, text = text[4:].split("\n---\n", 1)
            title = (yaml.load(front, Loader=yaml.CSafeLoader) or {}).get("title", title)
        html = TEMPLATE.render(title=title, body=converter.reset().convert(text))
        target = out / path.relative_to(docs).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        count += 1
    return count


if __name__ == "__main__":
    if sys.argv[1] == "yaml":
        print(yaml_floor(Path(sys.argv[2])))
    else:
        print(pipeline_floor(Path(sys.argv[2]), Path(sys.argv[3])))
