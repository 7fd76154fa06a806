"""The world map: a static SVG made at build time, each country shaded by its number of activities.

The geometry is Natural Earth's 1:110m countries (public domain, vendored as
TopoJSON in ``ssckb/assets/world-atlas/``), decoded and projected here with the
Equal Earth projection. No tiles, no script, no network.

Links: the map must work in the online build (``countries/brazil/``) and the
offline one (``countries/brazil.html``), so its links are plain Markdown links
to ``.md`` pages that MkDocs resolves and checks. Each country with a page is a
Markdown link whose text is an SVG holding only that country's shape, laid
over the base map with the same viewBox; a click on the shape follows the link,
and Tab moves from country to country. The table below the map is the text
alternative, with the same links and figures.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from ..indexes import DIMENSIONS_BY_KEY, all_terms
from ..mdtext import md_escape, relative_path
from ..model import KnowledgeBase
from ..pages import Page, View
from .. import i18n
from ..i18n import N_, _
from .common import country_label, country_page, esc

ATLAS = Path(__file__).resolve().parent.parent / "assets" / "world-atlas" / "countries-110m.json"
PATH = "map/index.md"
WIDTH = 1000.0
EXCLUDED = {"010"}  # Antarctica: no SSC activity there, and it would take a fifth of the height
NO_DATA = "#dcdcdc"
PALETTE = ("#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c")
ROLE_NAMES = {"provider": N_("provider"), "learner": N_("learner"), "two-way": N_("two-way"), "member": N_("member"),
              "venue": N_("venue")}

# Equal Earth (Šavrič, Patterson and Jenny, 2018).
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """Projected (x, y) of a point in degrees; y grows northwards."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs (quantized, delta-encoded) as lists of (longitude, latitude)."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step_x, step_y in arc:
            x += step_x
            y += step_y
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def _ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _split_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses longitude ±180 (Fiji, Chukotka) as one clamped copy on each side of the map,
    instead of a polygon drawn across the whole world."""
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(ring, ring[1:])):
        return [ring]
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        unwrapped.append((lon, lat))
    parts = []
    for shift in (0, 360, -360):
        shifted = [(lon + shift, lat) for lon, lat in unwrapped]
        if max(lon for lon, _ in shifted) > -180 and min(lon for lon, _ in shifted) < 180:
            parts.append([(min(max(lon, -180.0), 180.0), lat) for lon, lat in shifted])
    return parts


@dataclass(frozen=True)
class MapGeometry:
    height: float
    shapes: tuple  # (alpha-3 code or '', name, SVG path data), by name


@lru_cache(maxsize=1)
def geometry() -> MapGeometry:
    """Every country's outline as SVG path data in a viewBox WIDTH wide (cached: built once per process)."""
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    features = []
    for item in topology["objects"]["countries"]["geometries"]:
        if item.get("id") in EXCLUDED or item["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = item["arcs"] if item["type"] == "MultiPolygon" else [item["arcs"]]
        rings = [[equal_earth(lon, lat) for lon, lat in part]
                 for polygon in polygons for ring in polygon for part in _split_at_antimeridian(_ring(arcs, ring))]
        country = pycountry.countries.get(numeric=item["id"]) if item.get("id") else None
        features.append((country.alpha_3 if country else "", item["properties"].get("name", ""), rings))
    xs = [x for _, _, rings in features for ring in rings for x, _ in ring]
    ys = [y for _, _, rings in features for ring in rings for _, y in ring]
    scale = WIDTH / (max(xs) - min(xs))
    left, top = min(xs), max(ys)
    shapes = []
    for code, name, rings in features:
        parts = []
        for ring in rings:
            points: list = []  # in tenths of a unit: integers, so that relative steps add up exactly
            for x, y in ring:
                point = (round((x - left) * scale * 10), round((top - y) * scale * 10))
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) >= 3:
                parts.append(_path(points))
        if parts:
            shapes.append((code, name, "".join(parts)))
    shapes.sort(key=lambda shape: (shape[1], shape[0]))
    return MapGeometry(round((max(ys) - min(ys)) * scale, 1), tuple(shapes))


def _tenths(value: int) -> str:
    """A length in tenths as short SVG number text: 14 -> '1.4', -3 -> '-.3', 20 -> '2'."""
    whole, tenth = divmod(abs(value), 10)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "") or "0"
    return ("-" if value < 0 else "") + text


def _path(points: list[tuple[int, int]]) -> str:
    """A closed ring: an absolute move, then relative line steps; no separator is needed before a minus."""
    numbers = [points[0][0], points[0][1], None]
    for previous, point in zip(points, points[1:]):
        numbers += [point[0] - previous[0], point[1] - previous[1]]
    out = ["M"]
    for number in numbers:
        if number is None:
            out.append("l")
            continue
        text = _tenths(number)
        if out[-1] not in ("M", "l") and not text.startswith("-"):
            out.append(" ")
        out.append(text)
    return "".join(out) + "z"


def class_breaks(values: list[int], classes: int = len(PALETTE)) -> list[tuple[int, int]]:
    """Ranges of counts shaded alike: one per value when few, else by quantiles."""
    values = sorted(v for v in values if v > 0)
    distinct = sorted(set(values))
    if len(distinct) <= classes:
        return [(v, v) for v in distinct]
    uppers: list[int] = []
    for i in range(1, classes + 1):
        upper = values[min(len(values) - 1, math.ceil(i * len(values) / classes) - 1)]
        if not uppers or upper > uppers[-1]:
            uppers.append(upper)
    ranges, low = [], values[0]
    for upper in uppers:
        ranges.append((low, upper))
        low = upper + 1
    return ranges


def _colors(count: int) -> list[str]:
    """``count`` colours of the palette, evenly spread and ending on the darkest."""
    if count <= 0:
        return []
    step = (len(PALETTE) - 1) / max(count - 1, 1)
    return [PALETTE[round(i * step)] if count > 1 else PALETTE[-1] for i in range(count)]


def _range_text(low: int, high: int) -> str:
    if low == high:
        return i18n.counted("{n} activity", "{n} activities", low)
    return _("%(low)s–%(high)s activities") % {"low": i18n.number(low), "high": i18n.number(high)}


def activity_counts(knowledge_base: KnowledgeBase, indexes: dict) -> dict:
    """alpha-3 code -> number of activities naming the country."""
    return {code: sum(1 for e in entries if e.kind == "activity")
            for code, entries in indexes["country"].items()}


def _shape_name(knowledge_base: KnowledgeBase, code: str, name: str) -> str:
    """The name a country without a page has on the map: Natural Earth's own (the shapes' source) in English,
    CLDR's in the other languages (a shape with no ISO code keeps Natural Earth's)."""
    if not code or i18n.current_language() == i18n.DEFAULT_LANGUAGE:
        return name
    return country_label(knowledge_base, code)


def render_map(knowledge_base: KnowledgeBase, indexes: dict) -> Page:
    view = View(knowledge_base, PATH)
    counts = activity_counts(knowledge_base, indexes)
    breaks = class_breaks(list(counts.values()))
    colors = _colors(len(breaks))

    def color_of(count: int) -> str:
        for (low, high), color in zip(breaks, colors):
            if low <= count <= high:
                return color
        return NO_DATA

    shapes = geometry()
    view_box = f"0 0 {WIDTH:.0f} {shapes.height:.1f}"
    shaded = sum(1 for c in counts.values() if c)
    base = [f'<div class="ssc-map__base"><svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" role="img" '
            'aria-labelledby="ssc-map-title ssc-map-desc"><title id="ssc-map-title">'
            + esc(_("World map of SSC activities")) + '</title><desc id="ssc-map-desc">'
            + esc(i18n.counted("{n} country shaded by its number of activities, darker for more; the table below the "
                             "map lists it with the same figures.",
                             "{n} countries shaded by their number of activities, darker for more; the table below "
                             "the map lists them with the same figures.", shaded))
            + '</desc><g stroke="#ffffff" stroke-width="0.5">']
    overlays = []
    on_map = set()
    for code, name, path_data in shapes.shapes:
        page = country_page(knowledge_base, code) if code else None
        count = counts.get(code, 0)
        if page is None:
            shown = esc(_shape_name(knowledge_base, code, name))
            base.append(f'<path fill="{color_of(count)}" d="{path_data}"><title>{shown}</title></path>')
            continue
        on_map.add(code)
        label = country_label(knowledge_base, code) + ": " + i18n.counted("{n} activity", "{n} activities", count)
        attribute = esc(label).replace("{", "(").replace("}", ")")
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" aria-hidden="true" focusable="false">'
               f'<path fill="{color_of(count)}" stroke="#ffffff" stroke-width="0.5" d="{path_data}"/></svg>')
        overlays.append(f'[{svg}]({relative_path(PATH, page)})'
                        f'{{ .ssc-map__country title="{attribute}" aria-label="{attribute}" data-country="{code}" }}')
    base.append("</g></svg></div>")

    legend = ['<ul class="ssc-legend" aria-label="' + esc(_("Legend")) + '">',
              f'<li><span class="ssc-swatch" style="background:{NO_DATA}"></span>' + esc(_("No activity")) + "</li>"]
    for (low, high), color in zip(breaks, colors):
        legend.append(f'<li><span class="ssc-swatch" style="background:{color}"></span>{esc(_range_text(low, high))}'
                      "</li>")
    legend.append("</ul>")

    rows = []
    # Every country with a page, as on the map: also those with no activity (an institution is based there).
    listed = [code for code in all_terms(DIMENSIONS_BY_KEY["country"], indexes["country"], knowledge_base)
              if country_page(knowledge_base, code)]
    listed.sort(key=lambda c: (-counts.get(c, 0), country_label(knowledge_base, c).casefold()))
    for code in listed:
        roles: dict = {}
        for entry in indexes["country"].get(code, ()):
            if entry.kind == "activity":
                for other, role in entry.country_roles():
                    if other == code:
                        roles[role] = roles.get(role, 0) + 1
        region = knowledge_base.vocabularies.region_of_country.get(code)
        role_text = _(", ").join(f"{_(ROLE_NAMES.get(r, r))} {i18n.number(n)}" for r, n in sorted(roles.items()))
        cells = [view.term_link("country", code), view.term_link("region", region) if region else "",
                 i18n.number(counts.get(code, 0)), md_escape(role_text)]
        rows.append((cells, "" if code in on_map else md_escape(_("not on the map: too small at this scale"))))
    header = [md_escape(_(word)) for word in (N_("Country"), N_("Region"), N_("Activities"), N_("Roles"))]
    rule = ["---", "---", "--:", "---"]
    with_note = any(note for __, note in rows)
    if with_note:
        header, rule = header + [md_escape(_("Note"))], rule + ["---"]
    table = ["| " + " | ".join(header) + " |", "|" + "|".join(rule) + "|"]
    table += ["| " + " | ".join(cells + ([note] if with_note else [])) + " |" for cells, note in rows]
    regional = sorted({e.id: e for entries in indexes["region"].values() for e in entries
                       if e.kind == "activity" and not e.countries}.values(), key=lambda e: e.sort_key)
    lines = ["# " + _("Map of activities"), "",
             _("Each country is shaded by the number of South-South cooperation activities that name it, as "
               "provider, learner, two-way partner, member of a programme or venue of an event. Select a country, "
               "or move to it with the Tab key, to open its page. The table below the map gives the same figures."),
             "",
             '<div class="ssc-map" data-search-exclude markdown>', "\n".join(base), ""] + overlays + ["", "</div>", "",
                                                                                   "\n".join(legend), ""]
    if regional:
        lines += [i18n.ngettext(
            "%(count)s activity names only a region, not its countries, and so is not on the map: see the pages "
            "%(link)s.",
            "%(count)s activities name only a region, not its countries, and so are not on the map: see the pages "
            "%(link)s.", len(regional)) % {"count": i18n.number(len(regional)),
                                          "link": view.link(_("by region"), DIMENSIONS_BY_KEY['region'].hub_path)},
            ""]
    lines += ["## " + _("Countries"), ""] + table + [""]
    lines += [_("Map data: Natural Earth 1:110m (public domain), Equal Earth projection. Boundaries and names "
                "shown do not imply any opinion on the legal status of any country or territory or on the "
                "delimitation of its frontiers.") + " "
              + view.link(_("Knowledge flows between countries"), "flows/index.md") + ".", ""]
    return Page(PATH, {"title": _("Map of activities"), "hide": ["toc"]}, "\n".join(lines))
