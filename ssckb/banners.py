"""The words of the theme's banners (overrides/main.html), in the language of the site being built.

The theme's templates have no catalog of their own: the MkDocs hook puts these words, translated and
counted by the catalog, in ``config.extra.ssckb_banner`` for the template to show. They are the only
words of the site that come from neither a generated page nor Material's own translations.
"""

from __future__ import annotations

from . import i18n
from .i18n import N_, N_plural, _, ngettext

PROBLEMS = N_plural("%(num)s error in the knowledge base.", "%(num)s errors in the knowledge base.")
LEFT_OUT = N_("Entries with errors are left out until fixed: %(link)s.")
SEE_PROBLEMS = N_("see the problems")
# The markup is the catalog's: translations keep the <strong> around the word that says what the banner is.
PREVIEW = N_plural("<strong>Preview</strong> of %(num)s entry: index pages list only them.",
                   "<strong>Preview</strong> of %(num)s entries: index pages list only them.")


def banner_words(language: str, problems: int = 0, preview: int = 0) -> dict:
    """The banners' sentences in ``language``: ``problems`` (the count of errors), ``left_out`` (with a
    ``%(link)s`` the template fills with its link to the problems page), ``see_problems`` (that link's
    text) and ``preview`` (the count of entries a preview build holds)."""
    with i18n.rendering_language(language):
        return {"problems": ngettext(*PROBLEMS, problems) % {"num": i18n.number(problems)},
                "left_out": _(LEFT_OUT), "see_problems": _(SEE_PROBLEMS),
                "preview": ngettext(*PREVIEW, preview) % {"num": i18n.number(preview)}}
