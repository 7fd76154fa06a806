"""Supply chain: every dependency pinned, nothing the project imports left unpinned, and no script,
style or font loaded from another host by either build of the site.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import CHROMIUM, CHROMIUM_ARGS, REPO
from webcheck import html_files, read_page, serve

REQUIREMENT_FILES = ("requirements.txt", "requirements-dev.txt")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9][A-Za-z0-9.+!_-]*)$")
#: Installed with Python itself or by the virtual environment, not by the requirement files.
TOOLING = {"pip", "setuptools", "wheel"}


def pins() -> dict:
    """canonical name -> (name as written, version), from both requirement files."""
    found = {}
    for name in REQUIREMENT_FILES:
        for line in (REPO / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("-r "):
                continue
            match = _PIN.match(line)
            assert match, f"{name}: '{line}' is not pinned as name==version"
            found[canonicalize_name(match.group(1))] = (match.group(1), match.group(2))
    return found


def test_every_requirement_is_pinned_exactly():
    for name in REQUIREMENT_FILES:
        for number, line in enumerate((REPO / name).read_text(encoding="utf-8").splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("-r "):
                assert (REPO / line[3:].strip()).is_file(), f"{name}:{number}: {line}"
                continue
            assert _PIN.match(line), f"{name}:{number}: '{line}' must be name==version (no ranges, URLs or options)"
    assert len(pins()) > 30


def test_no_package_is_pinned_twice():
    seen = {}
    for name in REQUIREMENT_FILES:
        for line in (REPO / name).read_text(encoding="utf-8").splitlines():
            match = _PIN.match(line.strip())
            if match:
                key = canonicalize_name(match.group(1))
                assert key not in seen, f"{match.group(1)} is pinned in {seen.get(key)} and {name}"
                seen[key] = name


def test_the_environment_has_exactly_the_pinned_versions():
    for key, (name, version) in sorted(pins().items()):
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            pytest.fail(f"{name}=={version} is pinned but not installed: pip install -r requirements-dev.txt")
        assert installed == version, f"{name}: {installed} installed, {version} pinned"


def test_every_dependency_of_a_pinned_package_is_pinned():
    """pip freeze has nothing the project needs that the requirement files leave out."""
    pinned = pins()
    environment = default_environment()
    missing = []
    for key, (name, version) in sorted(pinned.items()):
        for text in metadata.requires(name) or ():
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate({**environment, "extra": ""}):
                continue
            if canonicalize_name(requirement.name) not in pinned:
                missing.append(f"{requirement.name} (needed by {name})")
    assert missing == []


def test_pyproject_pins_agree_with_requirements():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r"dependencies = \[(.*?)\]", text, re.DOTALL).group(1)
    pinned = pins()
    for requirement in re.findall(r'"([^"]+)"', declared):
        match = _PIN.match(requirement)
        assert match, f"pyproject.toml: '{requirement}' is not pinned"
        assert pinned.get(canonicalize_name(match.group(1)), (None, None))[1] == match.group(2), requirement


def _imported_modules(path: Path) -> set:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module.split(".")[0])
    return modules


def test_everything_the_project_imports_is_pinned_or_its_own():
    sources = [REPO / "build.py"] + sorted((REPO / "ssckb").rglob("*.py")) + sorted((REPO / "hooks").rglob("*.py")) \
        + sorted((REPO / "tests").glob("*.py")) + sorted((REPO / "benchmarks").glob("*.py"))
    own = {"ssckb", "hooks", "conftest", "benchmarks"} | {path.stem for path in (REPO / "tests").glob("*.py")} \
        | {path.stem for path in (REPO / "benchmarks").glob("*.py")}
    distributions = metadata.packages_distributions()
    pinned = pins()
    unpinned = []
    for path in sources:
        for module in sorted(_imported_modules(path)):
            if module in sys.stdlib_module_names or module in own or module == "__future__":
                continue
            names = distributions.get(module, [])
            if not names or not any(canonicalize_name(name) in pinned for name in names):
                unpinned.append(f"{path.relative_to(REPO)}: {module} ({', '.join(names) or 'not installed'})")
    assert unpinned == []


def test_extra_packages_in_the_environment_are_not_used():
    """Packages installed by hand (not pinned) may be there, but nothing may rely on them."""
    pinned = pins()
    extra = sorted(canonicalize_name(dist.metadata["Name"]) for dist in metadata.distributions()
                   if canonicalize_name(dist.metadata["Name"]) not in set(pinned) | TOOLING)
    distributions = metadata.packages_distributions()
    modules_of_extra = {module for module, names in distributions.items()
                        if any(canonicalize_name(name) in extra for name in names)}
    sources = [REPO / "build.py"] + sorted((REPO / "ssckb").rglob("*.py")) + sorted((REPO / "hooks").rglob("*.py"))
    used = {module for path in sources for module in _imported_modules(path)} & modules_of_extra
    assert used == set(), f"the engine imports unpinned packages: {used}"


# What the built sites load --------------------------------------------------------------------------

_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
LOADING = {"script": ("src",), "link": ("href",), "img": ("src", "srcset"), "iframe": ("src",),
           "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "embed": ("src",),
           "object": ("data",), "track": ("src",), "image": ("href",), "use": ("href",)}


def loaded_from_other_hosts(site: Path) -> list[str]:
    """Every script, style sheet, font, image or frame the site's pages and styles load from another host."""
    found = []
    for path in html_files(site):
        page = read_page(path)
        for tag, attributes in page.tags:
            for name in LOADING.get(tag, ()):
                for value in attributes.get(name, "").split(","):
                    address = value.strip().split(" ")[0]
                    if address.startswith(("http:", "https:", "//")):
                        found.append(f"{path.relative_to(site)}: <{tag} {name}={address}>")
    for path in sorted(site.rglob("*.css")):
        for address in _CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
            found.append(f"{path.relative_to(site)}: {address}")
    return found


def test_served_build_loads_nothing_from_other_hosts(real_site):
    assert loaded_from_other_hosts(real_site) == []
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_offline_build_loads_nothing_from_other_hosts(real_offline_site):
    assert loaded_from_other_hosts(real_offline_site) == []


def test_the_scan_finds_what_another_host_would_serve(tmp_path):
    (tmp_path / "index.html").write_text(
        '<link rel="preconnect" href="https://fonts.gstatic.com"><script src="//cdn.example/x.js"></script>'
        '<img srcset="a.png 1x, https://img.example/b.png 2x"><script src="local.js"></script>')
    (tmp_path / "style.css").write_text("@import 'https://fonts.example/font.css'; a { background: url(x.png) }")
    assert loaded_from_other_hosts(tmp_path) == [
        "index.html: <link href=https://fonts.gstatic.com>", "index.html: <script src=//cdn.example/x.js>",
        "index.html: <img srcset=https://img.example/b.png>", "style.css: https://fonts.example/font.css"]


#: Resources a page runs or shows: none may come from another host.
RESOURCE_TYPES = {"document", "script", "stylesheet", "font", "image", "media", "texttrack", "manifest", "other"}


def test_served_pages_load_nothing_from_other_hosts_in_chromium(browser, real_site):
    pages = ["", "themes/gender/", "countries/", "financing/", "explorer/", "dashboard/", "map/"]
    first_activity = sorted(path.parent.name for path in (real_site / "activities").glob("*/index.html")
                            if not path.parent.name.startswith("page_"))[0]
    pages.append(f"activities/{first_activity}/")
    requests = []

    def route(request_route):
        request = request_route.request
        if request.url.startswith(base):
            request_route.continue_()
        else:
            requests.append((request.resource_type, request.url))
            request_route.abort()

    with serve(real_site) as base:
        context = browser.new_context()
        context.route("**/*", route)
        page = context.new_page()
        for path in pages:
            if (real_site / path / "index.html").is_file():
                page.goto(base + path)
                page.wait_for_load_state("load")
                page.wait_for_timeout(300)
        context.close()
    requests = [(kind, url) for kind, url in requests if not url.startswith(("data:", "blob:", "about:"))]
    assert [(kind, url) for kind, url in requests if kind in RESOURCE_TYPES] == []
    # Nor data: Material's repository widget would ask GitHub's API for stars and forks
    # (overrides/partials/source.html keeps the link and drops the request).
    assert requests == []
