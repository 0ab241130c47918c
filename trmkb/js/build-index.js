// Build one MiniSearch index per language from documents extracted by trmkb/offline.py.
// Usage: node build-index.js <docs.json> <out.js> <lang>   (TRMKB_NODE_MODULES, TRMKB_ASSETS set by offline.py)
// Writes a classic script assigning window.__trmOffline[lang] = serialized index, which the
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
fs.writeFileSync(outPath, "window.__trmOffline=window.__trmOffline||{};window.__trmOffline[" +
  JSON.stringify(lang) + "]=" + JSON.stringify(JSON.stringify(ms)) + ";\n");
