// Build one MiniSearch index per language from documents extracted by trmkb/offline.py.
// Usage: node build-index.js <docs.json> <out.js> <lang>      one index
//        node build-index.js --jobs                             one index per line of JSON on stdin,
//          {"docs": ..., "out": ..., "lang": ...}; answers one line each: {"ok": bytes} or {"error": text}
// (TRMKB_NODE_MODULES, TRMKB_ASSETS are set by offline.py.) Writes a classic script assigning
// window.__trmOffline[lang] = the packed index (search-text.js), which the search page loads with a
// plain <script> tag, so it works from file://.
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const vm = require("vm");
// Run the same UMD build the browser loads, as a classic script, so index and reader match exactly.
vm.runInThisContext(fs.readFileSync(path.join(process.env.TRMKB_NODE_MODULES, "minisearch/dist/umd/index.js"), "utf8"));
const MiniSearch = globalThis.MiniSearch;
const text = require(path.join(process.env.TRMKB_ASSETS, "search-text.js"));

function buildIndex(docsPath, outPath, lang) {
  const docs = JSON.parse(fs.readFileSync(docsPath, "utf8"));
  const ms = new MiniSearch({ fields: text.fields, storeFields: text.storeFields,
                              tokenize: text.tokenize, processTerm: text.processTerm });
  ms.addAll(docs);
  const serialised = ms.toJSON();
  const packed = text.pack(serialised);
  // TRMKB_CHECK_PACK=1 (set by the tests): unpacking must give back exactly what MiniSearch serialised.
  if (process.env.TRMKB_CHECK_PACK === "1") {
    const canonical = (v) => JSON.stringify(v, (k, x) => (x && typeof x === "object" && !Array.isArray(x))
      ? Object.keys(x).sort().reduce((o, key) => { o[key] = x[key]; return o; }, {}) : x);
    if (canonical(text.unpack(JSON.parse(JSON.stringify(packed)))) !== canonical(serialised)) {
      throw new Error("packed offline index does not round-trip");
    }
  }
  const js = "window.__trmOffline=window.__trmOffline||{};window.__trmOffline[" +
    JSON.stringify(lang) + "]=" + JSON.stringify(packed) + ";\n";
  fs.writeFileSync(outPath, js);
  return Buffer.byteLength(js);
}

if (process.argv[2] === "--jobs") {
  // One process for every language: start-up and the JIT's warm-up are paid once.
  const lines = readline.createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    let answer;
    try {
      const job = JSON.parse(line);
      answer = { ok: buildIndex(job.docs, job.out, job.lang) };
    } catch (e) {
      answer = { error: String(e && e.stack || e) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  });
} else {
  const [docsPath, outPath, lang] = process.argv.slice(2);
  buildIndex(docsPath, outPath, lang);
}
