"""The offline index is written packed (search-text.js pack) and unpacked in the browser: the
round trip must give back exactly what MiniSearch serialised, in every script."""
import json
import shutil
import subprocess

import pytest

from trmkb import ROOT

DOCS = [
    {"id": 0, "title": "Albania", "text": "Return and reintegration. Return counselling.", "url": "a.html", "excerpt": "x"},
    {"id": 1, "title": "ألبانيا", "text": "العودة وإعادة الإدماج والعودة", "url": "b.html", "excerpt": "y"},
    {"id": 2, "title": "Албанія", "text": "Повернення та реінтеграція, обʼєднання з сім’єю", "url": "c.html", "excerpt": "z"},
]


def run(tmp_path, assets):
    docs = tmp_path / "docs.json"
    docs.write_text(json.dumps(DOCS, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.js"
    env = {"TRMKB_NODE_MODULES": str(ROOT / "node_modules"), "TRMKB_ASSETS": str(assets),
           "TRMKB_CHECK_PACK": "1", "PATH": "/usr/bin:/bin:/usr/local/bin"}
    p = subprocess.run(["node", str(ROOT / "trmkb" / "js" / "build-index.js"), str(docs), str(out), "en"],
                       env=env, capture_output=True, text=True)
    return p, out


def test_pack_round_trips(tmp_path):
    p, out = run(tmp_path, ROOT / "overrides" / "assets")
    assert p.returncode == 0, p.stderr
    js = out.read_text(encoding="utf-8")
    assert js.startswith("window.__trmOffline=") and '"postings"' in js and '"index"' not in js


def test_a_lossy_unpack_is_caught(tmp_path):
    assets = tmp_path / "assets"
    shutil.copytree(ROOT / "overrides" / "assets", assets)
    f = assets / "search-text.js"
    text = f.read_text(encoding="utf-8")
    broken = text.replace("return [term, data];", "return [term + (i === 0 ? 'x' : ''), data];")
    assert broken != text
    f.write_text(broken, encoding="utf-8")
    p, _ = run(tmp_path, assets)
    assert p.returncode != 0 and "does not round-trip" in p.stderr


def test_one_node_process_indexes_each_language_and_reports_failures(tmp_path):
    """The build's node process (build-index.js --jobs) takes one language after another; a bad
    job is reported for that language and the process goes on with the next."""
    from trmkb.offline import Indexer
    with Indexer() as node:
        assert node._index(json.dumps(DOCS, ensure_ascii=False), "en", tmp_path / "en.js") > 0
        with pytest.raises(RuntimeError, match="offline index for fr failed"):
            node._index("this is not JSON", "fr", tmp_path / "fr.js")
        assert node._index(json.dumps(DOCS[:1]), "ar", tmp_path / "ar.js") > 0
    assert (tmp_path / "en.js").read_text(encoding="utf-8").startswith("window.__trmOffline=")
    assert not (tmp_path / "fr.js").exists()


def test_arabic_article_and_particles_are_folded():
    """الضحايا, والضحايا, للضحايا and ضحايا are one word to the offline search (a reader who types
    the article found a quarter of the pages); other scripts are untouched."""
    words = ["الضحايا", "ضحايا", "والضحايا", "للضحايا", "بالضحايا", "ألبانيا", "البانيا", "الى", "Élan", "Албанія"]
    script = ("const t = require(process.argv[1]);"
              "console.log(JSON.stringify(JSON.parse(process.argv[2]).map(w => t.processTerm(w))));")
    p = subprocess.run(["node", "-e", script, str(ROOT / "overrides" / "assets" / "search-text.js"),
                        json.dumps(words)], capture_output=True, text=True, check=True)
    out = dict(zip(words, json.loads(p.stdout)))
    assert {out[w] for w in words[:5]} == {"ضحايا"}
    assert out["ألبانيا"] == out["البانيا"]
    assert out["الى"] == "الى"          # too short to be article + word
    assert out["Élan"] == "elan" and out["Албанія"] == "албанія"
