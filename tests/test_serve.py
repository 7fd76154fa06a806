"""``build.py serve`` as a contributor runs it: the previews of changed or given entries, and stopping it.

Each test starts the command in a copy of the repository (serve works on the repository that holds
build.py), waits a bounded time for it to answer, and always stops it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, free_port

IGNORED = {".git", ".venv", "site", "site-offline", ".pytest_cache", ".hypothesis", "node_modules", "__pycache__"}
ENTRY = "activities/rwanda-peru-exposure-visit.md"
#: How long a server may take to answer its first request, and to stop.
START_TIMEOUT = 120
STOP_TIMEOUT = 30

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads child processes from /proc")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, timeout=60,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(root),
                        "GIT_CONFIG_NOSYSTEM": "1"})


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """The repository's files in a new Git repository: main as it is now, and a branch 'feature' checked out."""
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=lambda folder, names: [n for n in names if n in IGNORED or n.endswith(".pyc")])
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    _git(root, "checkout", "-q", "-b", "feature")
    return root


def _start(root: Path, *args: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "build.py", "serve", "--dev-addr", f"127.0.0.1:{port}", *args],
                               cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return process, port


def _get(port: int, path: str) -> str | None:
    """The page at ``path``, waiting for the server to answer (None if it never does in time)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10).read().decode()
        except OSError:
            time.sleep(0.5)
    return None


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _stop(process: subprocess.Popen) -> str:
    """Stop the command if it still runs (kill it if it does not stop), and return what it printed."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            for child in _children(process.pid):
                os.kill(child, signal.SIGKILL)
            process.kill()
            process.wait()
    return process.stdout.read()


def test_serve_changed_previews_the_changed_entry(repo_copy):
    path = repo_copy / ENTRY
    path.write_text(path.read_text().replace("title: Rwandan", "title: Previewed Rwandan", 1))
    process, port = _start(repo_copy, "--changed", "--base", "main")
    try:
        page = _get(port, "activities/rwanda-peru-exposure-visit/")
        assert page is not None, "serve --changed did not answer"
        assert "Previewed Rwandan" in page
        index = _get(port, "activities/")
        assert "rwanda-peru-exposure-visit/" in index
        assert "preval/" not in index  # an unchanged entry is left out of the preview
    finally:
        output = _stop(process)
    assert "Preview of 1 entry and the pages they appear on" in output, output
    assert "Traceback" not in output and "NameError" not in output, output


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_stopping_serve_stops_its_server(repo_copy, stop_signal):
    process, port = _start(repo_copy, "--only", ENTRY)
    try:
        assert _get(port, "") is not None, "serve did not answer"
        servers = _children(process.pid)
        assert servers, "build.py serve runs MkDocs as a child process"
        process.send_signal(stop_signal)
        assert process.wait(timeout=STOP_TIMEOUT) == 0
        deadline = time.monotonic() + STOP_TIMEOUT
        while any(_alive(pid) for pid in servers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(pid) for pid in servers), "the MkDocs server kept running"
        assert _port_free(port), f"port {port} is still held"
    finally:
        output = _stop(process)
    assert "Stopped the preview server." in output, output


def test_serve_only_a_missing_file_is_an_error():
    missing = "activities/no-such-entry.md"
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "serve", "--only", missing], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {missing}: no such file; check the name and the folder (serve --only takes entry files, "
        "e.g. activities/my-activity.md)"]
    other = subprocess.run([sys.executable, str(REPO / "build.py"), "serve", "--only", "README.md"], cwd=REPO,
                           capture_output=True, text=True, timeout=60)
    assert other.returncode == 1
    assert other.stderr.splitlines() == [
        "error: README.md is not an entry file; serve --only takes the .md files directly in activities/, "
        "lessons/ and learning_routes/"]
