// Build one MiniSearch index per language from documents extracted by trmkb/offline.py.
// Usage: node build-index.js <docs.json> <out.js> <lang>   (TRMKB_NODE_MODULES, TRMKB_ASSETS set by offline.py)
// Writes a classic script assigning window.__trmOffline[lang] = the packed index (search-text.js), which the
// search page loads with a plain <script> tag, so it works from file://.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
// Run the same UMD build the browser loads, as a classic script, so index and reader match exactly.
vm.runInThisContext(fs.readFileSync(path.join(process.env.TRMKB_NODE_MODULES, "minisearch/dist/umd/index.js"), "utf8"));
const MiniSearch = globalThis.MiniSearch;
const text = require(path.join(process.env.TRMKB_ASSETS, "search-text.js"));
const [docsPath, outPath, lang] = process.argv.slice(2);
const docs = JSON.parse(fs.readFileSync(docsPath, "utf8"));
const ms = new MiniSearch({ fields: text.fields, storeFields: text.storeFields,
                            tokenize: text.tokenize, processTerm: text.processTerm });
ms.addAll(docs);
const packed = text.pack(JSON.parse(JSON.stringify(ms)));
// TRMKB_CHECK_PACK=1 (set by the tests): unpacking must give back exactly what MiniSearch serialised.
if (process.env.TRMKB_CHECK_PACK === "1") {
  const canonical = (v) => JSON.stringify(v, (k, x) => (x && typeof x === "object" && !Array.isArray(x))
    ? Object.keys(x).sort().reduce((o, key) => { o[key] = x[key]; return o; }, {}) : x);
  if (canonical(text.unpack(JSON.parse(JSON.stringify(packed)))) !== canonical(JSON.parse(JSON.stringify(ms)))) {
    throw new Error("packed offline index does not round-trip");
  }
}
fs.writeFileSync(outPath, "window.__trmOffline=window.__trmOffline||{};window.__trmOffline[" +
  JSON.stringify(lang) + "]=" + JSON.stringify(packed) + ";\n");
