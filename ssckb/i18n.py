"""The site's languages, in one place, and the words, numbers and dates of generated pages in each.

- ``LANGUAGES``: every language the site is built in, with its name, writing direction and the folder
  of its site (English at the root, the others under ``<code>/``). Adding a language is one line here
  and its catalog ``locale/<code>/LC_MESSAGES/messages.po``.
- ``gettext`` / ``ngettext``: a generated word in the language being rendered, from its catalog; plurals
  follow the catalog's ``Plural-Forms`` (Arabic has six), never ``n == 1`` in the code. ``N_`` marks a
  word written at import time (a module's table of labels), translated where it is shown with ``_``.
- ``number`` / ``amount`` / ``date``: formatted by Babel (CLDR) for the language.

The language being rendered is set for the length of a build with :func:`rendering_language`
(``ssckb.site.build_site`` does it from its ``RenderingContext``): the page functions and templates
of every module ask :func:`gettext` without each passing the language along. Catalogs are read from
the ``.po`` files themselves (Babel compiles them in memory), so a clean clone builds with no
compiled ``.mo`` file and a catalog never lags behind its source.
"""

from __future__ import annotations

import datetime
import gettext as _gettext
import io
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel import dates as _dates
from babel import numbers as _numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

#: Where the catalogs are: locale/messages.pot (the source strings) and locale/<code>/LC_MESSAGES/messages.po.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"


@dataclass(frozen=True)
class Language:
    """One language of the site: ``code`` (BCP 47, also Material's ``theme.language``), ``name`` in
    itself (the switcher shows it), ``direction`` ("ltr" or "rtl") and ``folder`` of its site ("" is the root)."""

    code: str
    name: str
    direction: str = "ltr"

    @property
    def folder(self) -> str:
        return "" if self.code == DEFAULT_LANGUAGE else f"{self.code}/"


DEFAULT_LANGUAGE = "en"
#: The site's languages, in the switcher's order; the source strings of the code are English.
LANGUAGES = {language.code: language for language in (
    Language("en", "English"),
    Language("es", "Español"),
    Language("fr", "Français"),
    Language("pt", "Português"),
    Language("ar", "العربية", "rtl"),
)}

_current: ContextVar[str] = ContextVar("ssckb_language", default=DEFAULT_LANGUAGE)


def language_of(code: str | None) -> Language:
    """The language with this code; an unknown code is an error that names the known ones."""
    code = code or DEFAULT_LANGUAGE
    if code not in LANGUAGES:
        raise ValueError(f"unknown language '{code}'; the site's languages are {', '.join(LANGUAGES)}")
    return LANGUAGES[code]


def current_language() -> str:
    """The code of the language being rendered ('en' outside a build)."""
    return _current.get()


@contextmanager
def rendering_language(code: str | None):
    """Render in ``code`` until the block ends (the language of the code that called it comes back)."""
    token = _current.set(language_of(code).code)
    try:
        yield
    finally:
        _current.reset(token)


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(code: str) -> _gettext.NullTranslations:
    """The messages of one language: its catalog compiled in memory (English: the source strings).
    Entries marked fuzzy are left out, as gettext's own compiler does."""
    if code == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    path = catalog_path(language_of(code).code)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def gettext(message: str) -> str:
    """``message`` in the language being rendered ('' stays '': gettext would give the catalog's header)."""
    return translations(_current.get()).gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` that ``count`` takes in the language being rendered
    (the catalog's plural rule); ``%(num)s`` and ``{count}`` are left for the caller to fill."""
    return translations(_current.get()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language being rendered, where the same English word says another thing
    elsewhere ('Shared' as a column of what is shared, not the verb): ``context`` tells them apart."""
    return translations(_current.get()).pgettext(context, message) if message else message


_ = gettext


def N_(message: str) -> str:
    """Marks a word for the catalog without translating it: it is translated where it is shown."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with its plural for the catalog (for :func:`counted` or :func:`ngettext` later)."""
    return singular, plural


def counted(singular: str, plural: str, value: int) -> str:
    """A count with its noun: ``counted("{n} activity", "{n} activities", 3)`` -> '3 activities' in the
    language being rendered, the number formatted for it."""
    return ngettext(singular, plural, value).format(n=number(value))


@lru_cache(maxsize=None)
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def number(value) -> str:
    """A number for the language being rendered: 1500000 -> '1,500,000' (en), '1.500.000' (es),
    '1 500 000' (fr, with a narrow no-break space)."""
    return _numbers.format_decimal(value, locale=_locale(_current.get()))


def amount(value, currency: str = "USD") -> str:
    """An amount of money for the language being rendered: 200000 USD -> 'US$200,000' (en),
    '200.000 US$' (es); cents only when there are some. None -> ''."""
    if value is None:
        return ""
    whole = float(value).is_integer()
    pattern = None
    locale = _locale(_current.get())
    if whole:  # the locale's pattern without its decimals
        pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    symbol = "US$" if currency == "USD" else currency
    text = _numbers.format_currency(value, currency, format=pattern, locale=locale, currency_digits=not whole)
    # CLDR writes the dollar as '$' in English and '$US' in French: the knowledge base names it the same way
    # everywhere, as the source does ('US$').
    for written in ("$US", "US$", "$"):
        if written in text:
            return text.replace(written, symbol, 1)
    return text


def date(value: datetime.date, form: str = "long") -> str:
    """A date for the language being rendered: 3 May 2011 -> 'May 3, 2011' (en), '3 de mayo de 2011' (es)."""
    return _dates.format_date(value, format=form, locale=_locale(_current.get()))


def direction() -> str:
    """'rtl' or 'ltr': the writing direction of the language being rendered."""
    return LANGUAGES[_current.get()].direction


_HTML_START = re.compile(r"<html\b(?![^>]*\bdir=)", re.I)


def with_document_direction(page_html: str, code: str) -> str:
    """A page with its language's writing direction on ``<html>`` (``<html dir="rtl" lang="ar">``): Material
    sets it on ``<body>`` only, and the document's own direction is what browsers and assistive technology
    read first. A tag that already says its direction is left alone."""
    return _HTML_START.sub(f'<html dir="{language_of(code).direction}"', page_html, count=1)


def counterpart_link(page_url: str, from_code: str, to_code: str) -> str:
    """The relative link from a page of one language's site to the same page in another.

    ``page_url`` is the page's address inside its own language's site, as MkDocs gives it
    ('countries/brazil/', 'countries/brazil.html' offline, '' or 'index.html' for the home page).
    The link is relative, so it works online under any address and from file://.
    """
    source = language_of(from_code).folder + page_url
    target = language_of(to_code).folder + page_url
    depth = source.count("/")  # folders between the site's root and the page's own folder
    relative = "../" * depth + target
    return relative or "./"


def alternates(page_url: str, code: str, site_url: str | None = None) -> list[dict]:
    """The page in every language of the site, for the switcher and the head's hreflang links:
    ``code``, ``name``, ``direction``, ``href`` (relative to the page, or absolute under ``site_url``
    when the site's address is known), ``link`` (always relative: the switcher), ``current`` and
    ``default`` (the language of a reader whose language the site does not have: hreflang x-default)."""
    found = []
    for other in LANGUAGES.values():
        if site_url:
            href = site_url.rstrip("/") + "/" + other.folder + page_url
        else:
            href = counterpart_link(page_url, code, other.code)
        found.append({"code": other.code, "name": other.name, "direction": other.direction,
                      "href": href, "link": counterpart_link(page_url, code, other.code),
                      "current": other.code == code, "default": other.code == DEFAULT_LANGUAGE})
    return found
