"""Shared fixtures: a tiny two-language project (tests/fixtures/mini) built once, an HTTP
server on 127.0.0.1 and a Chromium driven by Playwright."""
from __future__ import annotations

import functools
import os
import shutil
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from trmkb import ROOT

# Every build in the tests checks that the packed offline index unpacks to what MiniSearch wrote.
os.environ["TRMKB_CHECK_PACK"] = "1"
# One build date for the whole session: tests compare builds made minutes apart byte for byte,
# and a session that runs past midnight stamped two dates (model.build_date).
os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(__import__("time").time())))

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
CHROMIUM = "/usr/bin/chromium"


def make_project(dest: Path) -> Path:
    """Copy the fixture content plus the real schemas, templates overrides and interface strings."""
    shutil.copytree(FIXTURE, dest)
    shutil.copytree(ROOT / "schemas", dest / "schemas")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    import yaml
    langs = yaml.safe_load((dest / "i18n" / "languages.yml").read_text())["languages"]
    (dest / "i18n" / "strings").mkdir(parents=True)
    for code in langs:
        src = ROOT / "i18n" / "strings" / f"{code}.yml"
        if src.exists():
            shutil.copy(src, dest / "i18n" / "strings" / src.name)
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "proj")


@pytest.fixture(scope="session")
def built_mini(tmp_path_factory) -> Path:
    from trmkb.build import build
    root = make_project(tmp_path_factory.mktemp("mini") / "proj")
    assert build(root, quiet=True) == 0
    return root / "site"


@pytest.fixture(scope="session")
def built_real(tmp_path_factory) -> Path:
    """The shipped content, built once per test session (not into the checkout's site/), with its
    offline zip in dist/ beside it, as scripts/build does ('trmkb build --bundle')."""
    from trmkb.build import build
    out = tmp_path_factory.mktemp("real") / "site"
    assert build(ROOT, out=out, quiet=True, bundle_to=out.parent / "dist") == 0
    return out


@pytest.fixture(scope="session")
def real_bundle(built_real, tmp_path_factory) -> Path:
    """The offline zip of the shipped content, unzipped: what a user double-clicks."""
    import zipfile
    (z,) = (built_real.parent / "dist").glob("trm-kb-offline-*.zip")
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(z) as f:
        f.extractall(out)
    (top,) = out.iterdir()
    return top


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


@pytest.fixture(scope="session")
def serve():
    servers = []

    def start(directory: Path) -> str:
        port = _free_port()
        httpd = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(directory)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{port}/"

    yield start
    for s in servers:
        s.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    assert Path(CHROMIUM).exists(), "Debian's chromium is required: scripts/test installs it (apt-get install chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page that records every request it makes, so tests can assert nothing leaves the machine."""
    ctx = browser.new_context()
    pg = ctx.new_page()
    pg.requests = []
    pg.errors = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    # what the page asked for and did not get (a missing file, a fetch refused over file://)
    pg.failed = []
    pg.on("response", lambda r: r.status >= 400 and pg.failed.append(f"{r.status} {r.url}"))
    # (net::ERR_ABORTED: cancelled because the test went on to the next page, not missing)
    pg.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and pg.failed.append(f"{r.failure} {r.url}"))
    yield pg
    ctx.close()
