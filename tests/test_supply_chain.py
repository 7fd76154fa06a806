"""Supply chain: installs verified by hashes from a lock made by a standard tool, every dependency pinned,
nothing the project imports left unpinned, every tool configuration's dependencies declared, the CI
container pinned (or the reason it is not written beside it), and no script, style or font loaded from
another host by either build of the site.
"""

from __future__ import annotations

import ast
import json
import re
import shlex
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import CHROMIUM, CHROMIUM_ARGS, REPO
from webcheck import html_files, read_page, serve

#: Each lock, and the file of direct dependencies it is made from.
LOCKS = {"requirements.txt": "requirements.in", "requirements-dev.txt": "requirements-dev.in"}
LOCK_COMMAND = "sh tools/lock-requirements.sh"
_PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9][A-Za-z0-9.+!_-]*)\Z")
_HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}\Z")
#: Installed with Python itself or by the virtual environment, not by the requirement files.
TOOLING = {"pip", "setuptools", "wheel"}
ENVIRONMENT = {**default_environment(), "extra": ""}


def lock_entries(name: str) -> list[tuple[int, Requirement, list[str]]]:
    """(line, requirement, hashes) of every package in a lock; a requirement continues over lines ending in '\\'."""
    entries, logical, first = [], [], None
    for number, line in enumerate((REPO / name).read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not stripped and not logical:
            continue
        if first is None:
            first = number
        logical.append(stripped.rstrip("\\").strip())
        if stripped.endswith("\\"):
            continue
        words = " ".join(logical).split(" --hash=")
        requirement = Requirement(words[0])
        entries.append((first, requirement, ["--hash=" + word for word in words[1:]]))
        logical, first = [], None
    return entries


def direct_requirements(name: str) -> list[Requirement]:
    """The requirements of a .in file, with those of the files it includes with -r (not its -c constraints)."""
    found = []
    for line in (REPO / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("-c "):
            continue
        if line.startswith("-r "):
            found += direct_requirements(line[3:].strip())
            continue
        found.append(Requirement(line))
    return found


def pins() -> dict:
    """canonical name -> (name as written, version) of every locked package this environment installs."""
    found = {}
    for lock in LOCKS:
        for _line, requirement, _hashes in lock_entries(lock):
            if requirement.marker is None or requirement.marker.evaluate(ENVIRONMENT):
                (specifier,) = requirement.specifier
                found[canonicalize_name(requirement.name)] = (requirement.name, specifier.version)
    return found


def test_every_locked_requirement_is_pinned_exactly_with_hashes():
    for lock in LOCKS:
        entries = lock_entries(lock)
        assert len(entries) > 25, lock
        for line, requirement, hashes in entries:
            where = f"{lock}:{line}: {requirement}"
            assert not requirement.url and not requirement.extras, where
            specifiers = list(requirement.specifier)
            assert len(specifiers) == 1 and specifiers[0].operator == "==", f"{where}: not pinned as name==version"
            assert hashes and all(_HASH.match(word) for word in hashes), f"{where}: no sha256 hash"
        text = (REPO / lock).read_text(encoding="utf-8")
        # No index, link or option line: pip takes the packages from its configured index, checked by hash.
        assert not re.search(r"^\s*-(?!-hash=)", text, flags=re.M), f"{lock} holds an option line"
    assert len(pins()) > 30


def test_every_direct_requirement_is_locked_with_its_pinned_version():
    """What the lead's re-run of the lock command keeps true: each line of a .in file, in its lock."""
    for lock, source in LOCKS.items():
        locked = {}
        for _line, requirement, _hashes in lock_entries(lock):
            locked.setdefault(canonicalize_name(requirement.name), set()).add(str(requirement.specifier))
        direct = direct_requirements(source)
        assert direct, source
        for requirement in direct:
            specifiers = list(requirement.specifier)
            assert len(specifiers) == 1 and specifiers[0].operator == "==", f"{source}: pin {requirement} as name==version"
            assert str(requirement.specifier) in locked.get(canonicalize_name(requirement.name), set()), \
                f"{requirement} of {source} is not in {lock}: run {LOCK_COMMAND}"


def test_the_development_lock_has_the_site_lock_versions():
    site = {(canonicalize_name(r.name), str(r.marker)): str(r.specifier) for _, r, _ in lock_entries("requirements.txt")}
    dev = {(canonicalize_name(r.name), str(r.marker)): str(r.specifier) for _, r, _ in lock_entries("requirements-dev.txt")}
    assert {key: dev.get(key) for key in site} == site


def test_the_locks_are_written_by_the_documented_command():
    script = (REPO / "tools/lock-requirements.sh").read_text(encoding="utf-8")
    assert "pip compile" in script and "--generate-hashes" in script
    for lock in LOCKS:
        header = (REPO / lock).read_text(encoding="utf-8").splitlines()[:2]
        assert header == ["# This file was autogenerated by uv via the following command:", f"#    {LOCK_COMMAND}"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"\n      {LOCK_COMMAND}\n" in readme
    development = (REPO / "requirements-dev.in").read_text(encoding="utf-8")
    assert "uv==" in development and "pre-commit==" in development  # the tools are locked too


def _pip_installs(text: str) -> list[list[str]]:
    """Every `pip install` command in a text (in prose, between backquotes, too) that installs something."""
    commands = []
    for match in re.finditer(r"(\S*\bpip) install ([^`&\n]*)", text):
        words = ["pip", "install", *match.group(2).split()]
        if any(not word.startswith("-") for word in words[2:]):
            commands.append(words)
    return commands


def test_every_install_checks_the_hashes_of_a_lock():
    workflow = (REPO / ".github/workflows/site.yml").read_text(encoding="utf-8")
    places = {"README.md": (REPO / "README.md").read_text(encoding="utf-8"), ".ci/run": (REPO / ".ci/run").read_text(
        encoding="utf-8"), ".github/workflows/site.yml": workflow,
        "docs/contribute.md": (REPO / "docs/contribute.md").read_text(encoding="utf-8")}
    for where, text in places.items():
        installs = _pip_installs(text)
        assert installs, f"{where} installs nothing"
        for words in installs:
            assert "--require-hashes" in words, f"{where}: {' '.join(words)}"
            locks = [words[i + 1] for i, word in enumerate(words) if word == "-r"]
            assert locks and set(locks) <= set(LOCKS), f"{where}: {' '.join(words)}"


def test_the_ci_container_is_pinned_by_digest_or_says_why_not():
    lines = (REPO / ".github/workflows/site.yml").read_text(encoding="utf-8").splitlines()
    containers = [number for number, line in enumerate(lines) if line.strip().startswith("container:")]
    assert containers
    for number in containers:
        image = lines[number].split(":", 1)[1].strip()
        if re.fullmatch(r"[a-z0-9./-]+:[a-z0-9.-]+@sha256:[0-9a-f]{64}", image):
            continue
        comment = []
        for above in reversed(lines[:number]):
            if not above.strip().startswith("#"):
                break
            comment.insert(0, above.strip())
        assert "Not pinned by digest:" in " ".join(comment), \
            f"site.yml:{number + 1}: pin {image} as {image}@sha256:<digest>, or say why not in a comment above it"


def test_the_pre_commit_hooks_run_the_locked_environment():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert hooks and all(repo["repo"] == "local" for repo in config["repos"])
    for hook in hooks:
        # A hook of another language would install packages of its own, checked by no hash.
        assert hook["language"] == "system" and shlex.split(hook["entry"])[0] == ".venv/bin/python", hook["id"]
        assert "additional_dependencies" not in hook, hook["id"]


def test_the_editor_plugins_are_declared_and_locked_with_their_integrity():
    config = (REPO / ".remarkrc.mjs").read_text(encoding="utf-8")
    imported = set(re.findall(r'^import\s+\w+\s+from\s+"([^"]+)";', config, flags=re.M))
    assert imported
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    declared = package["devDependencies"]
    assert package.get("private") is True and not package.get("dependencies")
    assert imported <= set(declared)
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["devDependencies"] == declared
    for name, version in declared.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"package.json: pin {name} exactly, not {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    for path, entry in lock["packages"].items():
        if path:
            assert entry.get("integrity", "").startswith("sha512-"), f"package-lock.json: {path} has no integrity hash"


#: The tool configurations at the top of the repository, and where each one's dependencies are declared.
TOOL_CONFIGS = {".pre-commit-config.yaml": "requirements-dev.txt (the hooks run .venv)",
                ".remarkrc.mjs": "package.json and package-lock.json", "mkdocs.yml": "requirements.txt",
                "pyproject.toml": "requirements.txt", "package.json": "package-lock.json",
                "package-lock.json": "itself", "babel.cfg": "requirements.txt (Babel reads it: build.py messages)"}


def test_every_tool_configuration_is_one_whose_dependencies_are_declared():
    found = {path.name for path in REPO.iterdir() if path.is_file() and not path.name.startswith(".git")
             and (path.name.startswith(".") or path.suffix in (".toml", ".cfg", ".ini", ".json", ".mjs", ".js")
                  or path.name in ("mkdocs.yml", "tox.ini", "setup.py"))}
    assert found - set(TOOL_CONFIGS) == set(), "a new tool configuration: declare its dependencies, list it here"


def test_the_environment_has_exactly_the_pinned_versions():
    for key, (name, version) in sorted(pins().items()):
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            pytest.fail(f"{name}=={version} is locked but not installed: "
                        ".venv/bin/pip install --require-hashes -r requirements-dev.txt")
        assert installed == version, f"{name}: {installed} installed, {version} locked"


def test_every_dependency_of_a_pinned_package_is_pinned():
    """pip freeze has nothing the project needs that the locks leave out."""
    pinned = pins()
    missing = []
    for key, (name, version) in sorted(pinned.items()):
        for text in metadata.requires(name) or ():
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate(ENVIRONMENT):
                continue
            if canonicalize_name(requirement.name) not in pinned:
                missing.append(f"{requirement.name} (needed by {name})")
    assert missing == []


def test_pyproject_pins_agree_with_requirements_in():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r"dependencies = \[(.*?)\]", text, re.DOTALL).group(1)
    direct = {canonicalize_name(r.name): str(r.specifier) for r in direct_requirements("requirements.in")}
    written = {}
    for requirement in re.findall(r'"([^"]+)"', declared):
        assert _PIN.match(requirement), f"pyproject.toml: '{requirement}' is not pinned"
        parsed = Requirement(requirement)
        written[canonicalize_name(parsed.name)] = str(parsed.specifier)
    assert written == direct


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
        | {path.stem for path in (REPO / "benchmarks").glob("*.py")} | {path.stem for path in (REPO / "hooks").glob("*.py")}
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
