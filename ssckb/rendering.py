"""The rendering context: what pages need to know about the build, not about the knowledge base.

The MkDocs hook makes it from MkDocs' own configuration; ``build.py generate`` reads the same
mkdocs.yml (its ``!ENV`` tags resolved as MkDocs resolves them), so both give the same pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

OFFLINE_PLUGINS = ("offline", "material/offline")


@dataclass(frozen=True)
class RenderingContext:
    """``repo_url``: the repository's address, for links that open its issue forms (None: no such links).
    ``offline``: the copy read from disk, which shows addresses as text rather than links.
    ``language``: the code of the language the pages are written in (ssckb/i18n.py ``LANGUAGES``); MkDocs'
    ``theme.language`` gives it, so that Material's interface and the generated pages speak the same one."""

    repo_url: str | None = None
    offline: bool = False
    language: str = "en"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: ``!ENV`` resolved, other tags (Python names) ignored."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _plugin_enabled(plugins, names) -> bool:
    for plugin in plugins or ():
        name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()), (None, {}))
        if name in names:
            return bool((options or {}).get("enabled", True))
    return False


def context_from_config(config_file: Path) -> RenderingContext:
    """The context a MkDocs build of ``config_file`` (mkdocs.yml) renders with; a missing file gives none."""
    path = Path(config_file)
    if not path.is_file():
        return RenderingContext()
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    repo_url = config.get("repo_url")
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    return RenderingContext(repo_url=str(repo_url) if repo_url else None,
                            offline=_plugin_enabled(plugins, OFFLINE_PLUGINS),
                            language=str(theme.get("language") or "en"))
