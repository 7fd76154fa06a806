"""Knowledge flows: who learned from whom, only where the source states a direction.

In an activity, a *provider* shares its experience, a *learner* learns, and
*two-way* countries each share and learn. So:

- provider -> learner is a one-way flow;
- two *two-way* countries exchange in both directions: a two-way exchange,
  shown as such (never as two one-way flows);
- a *member* of a programme or network and the *venue* of an event have no
  flow: the source states no direction for them (nor between a provider and a
  two-way country);
- in a learning route, the countries visited share with the participants' countries.

Every pair of countries with at least one flow gets a page,
``flows/<country>--<country>.md`` (the two slugs in alphabetical order, so the
address does not change when a flow in the other direction is added).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations

from markupsafe import Markup

from .. import i18n
from ..i18n import _
from ..mdtext import md_escape
from ..model import Entry, KnowledgeBase
from ..pages import TEMPLATES, Page, View, paginate, shown_label
from .common import country_label, esc
from .svgcharts import CHAR_WIDTH

HUB = "flows/index.md"
MATRIX_LIMIT = 25  # countries in the flow matrix; every pair is in the list below it
DIAGRAM_LIMIT = 30  # flows drawn in the diagram
ONE_WAY_COLOR = "#2e7d32"
TWO_WAY_COLOR = "#00838f"


@dataclass
class Pair:
    """The flows between two countries; ``a`` and ``b`` in the order of their page slugs."""

    a: str
    b: str
    forward: list = field(default_factory=list)  # a shared, b learned
    backward: list = field(default_factory=list)  # b shared, a learned
    mutual: list = field(default_factory=list)  # both ways in the same entry

    @property
    def entries(self) -> list[Entry]:
        unique = {(e.kind, e.id): e for e in self.forward + self.backward + self.mutual}
        return sorted(unique.values(), key=lambda e: (e.kind != "activity", e.sort_key))

    @property
    def total(self) -> int:
        return len(self.entries)

    def directed(self, source: str) -> list[Entry]:
        return self.forward if source == self.a else self.backward


def pair_slug(knowledge_base: KnowledgeBase, code: str) -> str:
    return knowledge_base.vocabularies.countries.get(code).get("slug")


def flows_of(entry: Entry) -> tuple[list, list]:
    """One-way flows (source, target) and two-way pairs {x, y} of one entry."""
    roles = entry.country_roles()
    if entry.kind == "learning_route":
        visited = [c for c, r in roles if r == "visited"]
        participants = [c for c, r in roles if r == "participant"]
        return [(v, p) for v in visited for p in participants if v != p], []
    providers = [c for c, r in roles if r == "provider"]
    learners = [c for c, r in roles if r == "learner"]
    two_way_countries = [c for c, r in roles if r == "two-way"]
    one_way = [(p, t) for p in providers for t in learners if p != t]
    two_way = [(x, y) for x, y in combinations(two_way_countries, 2) if x != y]
    return list(dict.fromkeys(one_way)), list(dict.fromkeys(two_way))


def country_pairs(knowledge_base: KnowledgeBase) -> dict:
    """(a, b) -> Pair for every pair of countries with a flow, in page order."""
    pairs: dict = {}

    def pair_of(x: str, y: str) -> Pair:
        a, b = sorted((x, y), key=lambda code: (pair_slug(knowledge_base, code), code))
        return pairs.setdefault((a, b), Pair(a, b))

    for kind in ("activity", "learning_route"):
        for entry in knowledge_base.entries.get(kind, {}).values():
            one_way, two_way = flows_of(entry)
            for source, target in one_way:
                pair = pair_of(source, target)
                (pair.forward if source == pair.a else pair.backward).append(entry)
            for x, y in two_way:
                pair_of(x, y).mutual.append(entry)
    for pair in pairs.values():
        for entries in (pair.forward, pair.backward, pair.mutual):
            entries.sort(key=lambda e: (e.kind != "activity", e.sort_key))
    return dict(sorted(pairs.items(), key=lambda item: (pair_slug(knowledge_base, item[0][0]),
                                                          pair_slug(knowledge_base, item[0][1]))))


def pair_path(knowledge_base: KnowledgeBase, pair: Pair) -> str:
    return f"flows/{pair_slug(knowledge_base, pair.a)}--{pair_slug(knowledge_base, pair.b)}.md"


def pair_title(knowledge_base: KnowledgeBase, pair: Pair) -> str:
    a, b = country_label(knowledge_base, pair.a), country_label(knowledge_base, pair.b)
    if pair.mutual or (pair.forward and pair.backward):
        return f"{a} ⇄ {b}"
    return f"{a} → {b}" if pair.forward else f"{b} → {a}"


def render_pair(knowledge_base: KnowledgeBase, pair: Pair) -> Page:
    path = pair_path(knowledge_base, pair)
    view = View(knowledge_base, path)
    a, b = country_label(knowledge_base, pair.a), country_label(knowledge_base, pair.b)
    sections = []
    for source, target, entries in ((a, b, pair.forward), (b, a, pair.backward)):
        if entries:
            sections.append((f"{source} → {target}",
                             _("%(source)s shared its experience and %(target)s learned.") % {
                                 "source": source, "target": target}, entries))
    if pair.mutual:
        sections.append((_("Both ways"), _("%(a)s and %(b)s each shared and learned, in the same exchange.") % {
            "a": a, "b": b}, pair.mutual))
    codes = ",".join(sorted((pair.a, pair.b)))
    title = pair_title(knowledge_base, pair)
    # Plain Python rather than a template: there is a page per pair, thousands on a large knowledge base.
    exchanged = _("Knowledge exchanged between %(a)s and %(b)s, where the source states who shared and who learned.")
    parts = [f"# {md_escape(title)}\n\n"
             + exchanged % {"a": view.term_link('country', pair.a), "b": view.term_link('country', pair.b)} + "\n"]
    for heading, text, entries in sections:
        parts.append(f"\n## {md_escape(heading)} ({i18n.number(len(entries))})\n\n{md_escape(text)}\n\n"
                     f"{view.entry_list(entries)}")
    in_explorer = md_escape(_("Every activity that names both countries, in the explorer"))
    all_flows = view.link(_("All knowledge flows"), HUB)
    parts.append(f"\n[{in_explorer}](../explorer/index.md?country={codes}&all=country&kind=activity) · {all_flows}\n")
    return Page(path, {"title": title, "search": {"exclude": True}}, "".join(parts))


def _volume(pairs: dict) -> dict:
    """Country -> number of flows it takes part in (each entry counted once per pair)."""
    volume: dict = {}
    for (a, b), pair in pairs.items():
        volume[a] = volume.get(a, 0) + pair.total
        volume[b] = volume.get(b, 0) + pair.total
    return volume


def _cell(view: View, knowledge_base: KnowledgeBase, pair: Pair | None, source: str) -> str:
    if pair is None:
        return ""
    one_way = len(pair.directed(source))
    parts = ([str(one_way)] if one_way else []) + ([f"⇄{len(pair.mutual)}"] if pair.mutual else [])
    if not parts:
        return ""
    return view.link(" ".join(parts), pair_path(knowledge_base, pair))


def _matrix(view: View, knowledge_base: KnowledgeBase, pairs: dict) -> tuple[str, int]:
    volume = _volume(pairs)
    shown = sorted(volume, key=lambda c: (-volume[c], country_label(knowledge_base, c).casefold()))[:MATRIX_LIMIT]
    by_codes = {}
    for (a, b), pair in pairs.items():
        by_codes[(a, b)] = by_codes[(b, a)] = pair
    sources = [c for c in shown if any(by_codes.get((c, t)) and (by_codes[(c, t)].directed(c)
                                                                   or by_codes[(c, t)].mutual) for t in shown)]
    targets = [t for t in shown if any(by_codes.get((s, t)) and (by_codes[(s, t)].directed(s)
                                                                   or by_codes[(s, t)].mutual) for s in sources)]
    sources.sort(key=lambda c: country_label(knowledge_base, c).casefold())
    targets.sort(key=lambda c: country_label(knowledge_base, c).casefold())
    header = "| " + str(md_escape(_("Shared by ↓ · learned by →"))) + " | " + " | ".join(
        f'<abbr title="{esc(country_label(knowledge_base, t))}">{esc(t)}</abbr>' for t in targets) + " |"
    lines = [header, "|---|" + "|".join(":-:" for __ in targets) + "|"]
    for source in sources:
        cells = [_cell(view, knowledge_base, by_codes.get((source, t)), source) if t != source else "·"
                 for t in targets]
        lines.append(f"| {md_escape(country_label(knowledge_base, source))} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n", len(volume)


def _diagram(knowledge_base: KnowledgeBase, pairs: dict) -> str:
    """Providers on the left, learners on the right; one-way arrows, two-way exchanges as double arrows."""
    flows = []  # (count, source, target, two_way)
    for pair in pairs.values():
        for source, target, entries in ((pair.a, pair.b, pair.forward), (pair.b, pair.a, pair.backward)):
            if entries:
                flows.append((len(entries), source, target, False))
        if pair.mutual:
            flows.append((len(pair.mutual), pair.a, pair.b, True))

    def name(code):
        return country_label(knowledge_base, code)

    # One-way flows first (who learned from whom), then the largest two-way exchanges.
    flows.sort(key=lambda f: (f[3], -f[0], name(f[1]).casefold(), name(f[2]).casefold()))
    drawn = flows[:DIAGRAM_LIMIT]
    left = sorted({f[1] for f in drawn}, key=lambda c: name(c).casefold())
    right = sorted({f[2] for f in drawn}, key=lambda c: name(c).casefold())
    row, top = 22, 40
    height = top + max(len(left), len(right), 1) * row + 10
    x_left = 16 + CHAR_WIDTH * max((len(name(c)) for c in left), default=8)
    x_right = x_left + 240
    width = x_right + 16 + CHAR_WIDTH * max((len(name(c)) for c in right), default=8)
    widest = max((f[0] for f in drawn), default=1)

    def y_of(side, code):
        return top + side.index(code) * row + row / 2

    shared, learned = esc(_("Shared")), esc(_("Learned"))
    parts = [f'<text x="{x_left:.1f}" y="20" text-anchor="end" font-weight="bold" fill="currentColor">'
             f'{shared}</text>',
             f'<text x="{x_right:.1f}" y="20" font-weight="bold" fill="currentColor">{learned}</text>',
             "<defs>" + "".join(
                 f'<marker id="ssc-arrow-{key}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" '
                 f'markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" '
                 f'fill="{color}"/></marker>'
                 for key, color in (("one", ONE_WAY_COLOR), ("two", TWO_WAY_COLOR))) + "</defs>"]
    for code in left:
        parts.append(f'<text x="{x_left - 8:.1f}" y="{y_of(left, code) + 4:.1f}" text-anchor="end" fill="currentColor">'
                     f'{esc(name(code))}</text>')
    for code in right:
        parts.append(f'<text x="{x_right + 8:.1f}" y="{y_of(right, code) + 4:.1f}" fill="currentColor">'
                     f'{esc(name(code))}</text>')
    for count, source, target, two_way in drawn:
        y0, y1 = y_of(left, source), y_of(right, target)
        stroke = 1.5 + 3.5 * math.sqrt(count / widest)
        mid = (x_left + x_right) / 2
        color = TWO_WAY_COLOR if two_way else ONE_WAY_COLOR
        style = (' stroke-dasharray="6 3" marker-start="url(#ssc-arrow-two)" marker-end="url(#ssc-arrow-two)"'
                 if two_way else ' marker-end="url(#ssc-arrow-one)"')
        what = (_("%(a)s and %(b)s exchanged both ways") if two_way
                else _("%(a)s shared with %(b)s")) % {"a": name(source), "b": name(target)}
        entries_text = esc(i18n.counted("{n} entry", "{n} entries", count))
        parts.append(
            f'<path d="M{x_left:.1f} {y0:.1f}C{mid:.1f} {y0:.1f} {mid:.1f} {y1:.1f} {x_right:.1f} {y1:.1f}" fill="none" '
            f'stroke="{color}" stroke-opacity="0.75" stroke-width="{stroke:.1f}"{style}>'
            f'<title>{esc(what)}: {entries_text}</title></path>')
    rest = len(flows) - len(drawn)
    description = (i18n.counted(
        "{n} knowledge flow between countries, one-way flows first and then the largest two-way exchanges, "
        "from the countries that shared (left) to those that learned (right). Solid arrows: one-way flows; "
        "dashed double arrows: two-way exchanges. Line width grows with the number of entries.",
        "{n} knowledge flows between countries, one-way flows first and then the largest two-way exchanges, "
        "from the countries that shared (left) to those that learned (right). Solid arrows: one-way flows; "
        "dashed double arrows: two-way exchanges. Line width grows with the number of entries.", len(drawn))
        + (" " + i18n.counted("{n} smaller flow is only in the tables.", "{n} smaller flows are only in the tables.",
                            rest) if rest > 0 else ""))
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="ssc-chart__svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" '
            f'role="img" aria-labelledby="ssc-flows-title ssc-flows-desc" '
            f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12">'
            '<title id="ssc-flows-title">' + esc(_("Knowledge flows between countries")) + '</title>'
            f'<desc id="ssc-flows-desc">{esc(description)}</desc>')
    return "\n".join([head] + parts + ["</svg>"])


def _region_matrix(knowledge_base: KnowledgeBase) -> str:
    """Activities with a flow from a country of one region to a country of another (two-way counts both ways)."""
    regions = list(knowledge_base.vocabularies.regions)
    region_of = knowledge_base.vocabularies.region_of_country
    counts: dict = {}
    for kind in ("activity", "learning_route"):
        for entry in knowledge_base.entries.get(kind, {}).values():
            one_way, two_way = flows_of(entry)
            directed = set(one_way) | {(x, y) for x, y in two_way} | {(y, x) for x, y in two_way}
            seen = {(region_of.get(s), region_of.get(t)) for s, t in directed}
            for key in seen:
                if None not in key:
                    counts[key] = counts.get(key, 0) + 1
    used = [r for r in regions if any(r.id in key for key in counts)]
    if not used:
        return ""
    lines = ["| " + str(md_escape(_("Shared by ↓ · learned by →"))) + " | "
             + " | ".join(md_escape(shown_label("region", r.id, knowledge_base)) for r in used) + " |",
             "|---|" + "|".join("--:" for __ in used) + "|"]
    for source in used:
        lines.append(f"| {md_escape(shown_label('region', source.id, knowledge_base))} | " + " | ".join(
            str(counts.get((source.id, target.id), "")) for target in used) + " |")
    return "\n".join(lines) + "\n"


def _pair_row(view: View, knowledge_base: KnowledgeBase, pair: Pair) -> Markup:
    one_way = " · ".join(f"{country_label(knowledge_base, s)} → {country_label(knowledge_base, t)} "
                         f"{len(entries)}" for s, t, entries in ((pair.a, pair.b, pair.forward),
                                                                  (pair.b, pair.a, pair.backward)) if entries)
    return Markup(f"| {view.link(pair_title(knowledge_base, pair), pair_path(knowledge_base, pair))} | "
                  f"{md_escape(one_way)} | {len(pair.mutual) or ''} | {pair.total} |")


def render_flows(knowledge_base: KnowledgeBase, pairs: dict) -> list[Page]:
    """The hub (diagram, matrices and the largest pairs) and, on a large knowledge base, the
    continuation pages of the list of all pairs: thousands of pairs would make the hub megabytes."""
    ordered = sorted(pairs.values(), key=lambda p: (-p.total, pair_title(knowledge_base, p).casefold()))
    pages = []
    for path, chunk, pager in paginate(HUB, HUB[:-len("/index.md")], ordered, noun="pairs"):
        view = View(knowledge_base, path)
        rows = [_pair_row(view, knowledge_base, pair) for pair in chunk]
        if path != HUB:
            markdown = TEMPLATES.get_template("view_flows_pairs.md.j2").render(
                view=view, rows=rows, pager=pager, count=len(ordered))
            pages.append(Page(path, {"title": _("Knowledge flows: all country pairs"), "search": {"exclude": True}},
                              markdown))
            continue
        matrix, country_count = _matrix(view, knowledge_base, pairs) if pairs else ("", 0)
        markdown = TEMPLATES.get_template("view_flows.md.j2").render(
            view=view, pairs=pairs, diagram=Markup(_diagram(knowledge_base, pairs)) if pairs else "",
            matrix=Markup(matrix), matrix_note=country_count > MATRIX_LIMIT, matrix_limit=MATRIX_LIMIT,
            rows=rows, pager=pager, count=len(ordered), region_matrix=Markup(_region_matrix(knowledge_base)))
        pages.append(Page(HUB, {"title": _("Knowledge flows"), "hide": ["toc"]}, markdown))
    return pages


def render_flow_pages(knowledge_base: KnowledgeBase) -> list[Page]:
    pairs = country_pairs(knowledge_base)
    return render_flows(knowledge_base, pairs) + [render_pair(knowledge_base, pair) for pair in pairs.values()]
