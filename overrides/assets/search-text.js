/* Text processing shared by the offline index builder (Node, at build time) and the offline
   search page (browser): both must cut and fold words the same way. Letters of any script are
   kept (Cyrillic, Arabic, Latin with diacritics); diacritics and apostrophes are folded. */
(function (root) {
  "use strict";
  var api = {
    tokenize: function (text) { return text.split(/[^\p{L}\p{N}\p{M}’'_]+/u).filter(Boolean); },
    processTerm: function (term) {
      var t = term.normalize("NFD").replace(/\p{M}/gu, "").replace(/[’']/g, "").toLowerCase();
      return t.length > 1 || /\p{N}/u.test(t) ? t : null;
    },
    fields: ["title", "text"],
    storeFields: ["title", "url", "excerpt"]
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.TrmSearchText = api;
})(this);
