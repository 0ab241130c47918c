"""axe-core (from npm, injected with Playwright) finds no serious or critical violation on each
page type, in English and in Arabic."""
import json

import pytest

from trmkb import ROOT

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["index.html", "countries/al.html", "countries/index.html", "resources/index.html", "sop/SOP-1.1.html",
         "tools/t1.html", "countries/compare.html?c=FR,AL"]


def serious(page):
    assert AXE.exists(), "axe-core missing: scripts/test runs npm ci"
    # evaluated through the browser's devtools protocol: the pages' Content-Security-Policy runs no
    # inline script that is not theirs, so a <script> tag with axe in it would be refused
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module")
def base(built_mini, serve):
    return serve(built_mini)


@pytest.mark.parametrize("lang", ["", "ar/"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(page, base, lang, path):
    page.goto(base + lang + path)
    found = serious(page)
    assert found == [], json.dumps(found, indent=1)
