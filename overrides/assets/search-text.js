/* Text processing shared by the offline index builder (Node, at build time) and the offline
   search page (browser): both must cut and fold words the same way. Letters of any script are
   kept (Cyrillic, Arabic, Latin with diacritics); diacritics and apostrophes are folded. */
(function (root) {
  "use strict";
  /* The same words come back thousands of times while an index is built: each is folded once. */
  var folded = new Map();
  function fold(term) {
    var t = term.normalize("NFD").replace(/\p{M}/gu, "").replace(/[’']/g, "").toLowerCase();
    /* Arabic writes the article and some particles as part of the word: الضحايا, والضحايا,
       للضحايا are all ضحايا ("victims"). Fold them off (a light stem) when a word is left. This
       runs after hamzas are folded, so ألبانيا and البانيا (Albania, with and without the
       hamza) both become بانيا: the same on both sides, which is all a search needs. */
    t = t.replace(/^(?:[وفبك]?ال|لل)(?=[\u0621-\u064A]{2})/, "");
    return t.length > 1 || /\p{N}/u.test(t) ? t : null;
  }
  var api = {
    tokenize: function (text) { return text.split(/[^\p{L}\p{N}\p{M}’'_]+/u).filter(Boolean); },
    processTerm: function (term) {
      var t = folded.get(term);
      if (t === undefined) {
        t = fold(term);
        if (folded.size < 100000) folded.set(term, t);
      }
      return t;
    },
    fields: ["title", "text"],
    storeFields: ["title", "url", "excerpt"],
    /* MiniSearch's own serialisation spends ~14 bytes on each (term, page) pair. pack() keeps
       the same data with each term's postings as one string of base-36 page-number gaps (and
       ":count" when a word occurs more than once); unpack() restores MiniSearch's format. */
    pack: function (js) {
      var terms = [], postings = [];
      js.index.forEach(function (entry) {
        terms.push(entry[0]);
        postings.push(Object.keys(entry[1]).map(function (fieldId) {
          var docs = entry[1][fieldId], prev = 0;
          return fieldId + "=" + Object.keys(docs).map(Number).sort(function (a, b) { return a - b; })
            .map(function (d) {
              var gap = (d - prev).toString(36), n = docs[d];
              prev = d;
              return n > 1 ? gap + ":" + n.toString(36) : gap;
            }).join(",");
        }).join(";"));
      });
      var out = {};
      Object.keys(js).forEach(function (k) { if (k !== "index") out[k] = js[k]; });
      out.terms = terms.join("\n");
      out.postings = postings;
      return out;
    },
    unpack: function (packed) {
      var js = {}, terms = packed.terms ? packed.terms.split("\n") : [];
      Object.keys(packed).forEach(function (k) { if (k !== "terms" && k !== "postings") js[k] = packed[k]; });
      js.index = terms.map(function (term, i) {
        var data = {};
        packed.postings[i].split(";").forEach(function (part) {
          var eq = part.indexOf("="), docs = {}, prev = 0;
          part.slice(eq + 1).split(",").forEach(function (e) {
            var c = e.indexOf(":");
            prev += parseInt(c < 0 ? e : e.slice(0, c), 36);
            docs[prev] = c < 0 ? 1 : parseInt(e.slice(c + 1), 36);
          });
          data[part.slice(0, eq)] = docs;
        });
        return [term, data];
      });
      return js;
    }
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.TrmSearchText = api;
})(this);
