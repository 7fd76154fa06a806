"""Replication on the pages: each entry's steps both ways, and the view that traces the chains."""

from __future__ import annotations

from ..i18n import _
from ..mdtext import md_escape
from ..model import Entry, KnowledgeBase
from ..pages import REPLICATION_WORDS, Page, View
from ..replication import ChainNode, builds_on, chains, travelled_to

PATH = "replication/index.md"


def _step_item(view: View, entry: Entry, relation_words: str, note: str) -> str:
    years = view.years_text(entry)
    text = f"- **{view.entry_link(entry)}**{' · ' + md_escape(years) if years else ''} " \
           f"({md_escape(relation_words)})"
    return text + (f": {md_escape(note)}\n" if note else "\n")


def replication_sections(knowledge_base: KnowledgeBase, view: View, entry: Entry) -> str:
    """What an entry builds on and where its experience travelled next; empty when neither is recorded."""
    parts = []
    # (heading, steps, the entry at the other end of a step, how its relation reads from this side)
    directions = (("builds_on", builds_on(knowledge_base, entry), lambda step: step.origin, "relations"),
                  ("travelled", travelled_to(knowledge_base, entry), lambda step: step.follower, "relations_by"))
    for heading, steps, other_end, relations in directions:
        if steps:
            parts.append(f"## {md_escape(_(REPLICATION_WORDS[heading]))}\n\n")
            parts += [_step_item(view, other_end(step), _(REPLICATION_WORDS[relations][step.relation]), step.note)
                      for step in steps]
            parts.append("\n")
    return "".join(parts)


def _tree(view: View, node: ChainNode, depth: int) -> list[str]:
    indent = "    " * depth
    years = view.years_text(node.entry)
    line = f"{indent}- **{view.entry_link(node.entry)}**{' · ' + md_escape(years) if years else ''}"
    if node.relation:
        line += f" ({md_escape(_(REPLICATION_WORDS['relations'][node.relation]))})"
    if node.note:
        line += f": {md_escape(node.note)}"
    lines = [line + "\n"]
    for child in node.next:
        lines += _tree(view, child, depth + 1)
    return lines


def render_replication(knowledge_base: KnowledgeBase) -> Page:
    """The chains of replication, one nested list per first experience."""
    view = View(knowledge_base, PATH)
    parts = [f"# {md_escape(_(REPLICATION_WORDS['title']))}\n\n{md_escape(_(REPLICATION_WORDS['intro']))}\n\n"]
    found = chains(knowledge_base)
    for root in found:
        parts += _tree(view, root, 0)
        parts.append("\n")
    if not found:
        parts.append(f"{md_escape(_(REPLICATION_WORDS['none']))}\n")
    return Page(PATH, {"title": _(REPLICATION_WORDS["title"])}, "".join(parts))
