"""What every view needs: escaping for HTML, SVG and <script>, fixed number formats, activity lists.

Every view's output is deterministic: sorted orders, fixed float formats, no clock.
"""

from __future__ import annotations

import html
import json
import re

from babel.numbers import format_compact_currency

from ..i18n import DEFAULT_LANGUAGE, current_language, ngettext, number
from ..indexes import DIMENSIONS_BY_KEY
from ..localized import country_name
from ..model import Entry, KnowledgeBase

#: The dimensions an activity can be filtered or aggregated by, in the order they are shown.
FACETS = ("theme", "country", "region", "institution", "modality", "participant", "nature", "scope")

#: Ids of the HTML and SVG elements a page has: each view prefixes its own.
_ID_SAFE = re.compile(r"[^a-z0-9-]+")


def esc(value) -> str:
    """Text or attribute value in HTML or SVG."""
    return html.escape(str(value), quote=True)


def script_json(value) -> str:
    """JSON that is safe inside <script> or a .js file: no '<', '>', '&' or line separators as such."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def html_id(*parts) -> str:
    """An element id made of safe parts: 'ssc-chart-year'."""
    return _ID_SAFE.sub("-", "-".join(str(p) for p in parts).lower()).strip("-")


def amount(value) -> str:
    """1500000 -> '1,500,000'; 1234.5 -> '1,234.50'; None -> ''."""
    if value is None:
        return ""
    value = float(value)
    return f"{int(value):,}" if value.is_integer() else f"{value:,.2f}"


def compact_money(value: float) -> str:
    """Short money label for chart ends: 1500000 -> 'US$1.5M', 60000 -> 'US$60k' in English; CLDR's short
    form (Babel) in another language: '1,5 M US$' (es), '1,5 M US$' (fr), 'US$ 1,5 mi' (pt)."""
    value = float(value)
    if current_language() != DEFAULT_LANGUAGE:
        text = format_compact_currency(value, "USD", locale=current_language(), fraction_digits=1)
        if "US$" in text:
            return text
        # CLDR writes '$US' in French and '$' in some languages: the knowledge base says 'US$' everywhere.
        return text.replace("$US", "US$") if "$US" in text else text.replace("$", "US$", 1)
    for divisor, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= divisor:
            text = f"{value / divisor:.1f}".rstrip("0").rstrip(".")
            return f"US${text}{suffix}"
    return f"US${value:.0f}"


def ratio(numerator: float, denominator: float) -> str:
    """Leverage as printed: two decimals, or a dash when it cannot be computed."""
    return f"{numerator / denominator:.2f}" if denominator else "—"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'3 entries': the form the catalog's plural rule gives ``count`` (never ``count == 1`` here).

    Prefer :func:`ssckb.i18n.counted` with a whole message marked ``N_plural("{n} entry", "{n} entries")``:
    the words given here are translated only if the catalog has them as a singular/plural pair."""
    return f"{number(count)} {ngettext(singular, plural_form or singular + 's', count)}"


def activities(knowledge_base: KnowledgeBase) -> list[Entry]:
    """Every activity, newest first then by title: the order of every list."""
    return sorted(knowledge_base.entries.get("activity", {}).values(), key=lambda e: e.sort_key)


def facet_terms(knowledge_base: KnowledgeBase, facet: str, entry: Entry) -> list:
    """Term ids of one facet for one entry, as on the index pages (duplicates removed)."""
    return list(dict.fromkeys(DIMENSIONS_BY_KEY[facet].terms_of(knowledge_base, entry)))


def country_label(knowledge_base: KnowledgeBase, code: str) -> str:
    """A country's name in the language being rendered (its UN name in English)."""
    return country_name(code, current_language(), knowledge_base.vocabularies).text


def country_page(knowledge_base: KnowledgeBase, code: str) -> str | None:
    """The country's index page, or None when the site has none."""
    path = DIMENSIONS_BY_KEY["country"].page_path(code, knowledge_base)
    if knowledge_base.term_pages is not None and path not in knowledge_base.term_pages:
        return None
    return path
