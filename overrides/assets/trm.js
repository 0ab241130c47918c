/* TRM Knowledge Base: small classic script (no modules, works from file://, no network use). */
(function () {
  "use strict";

  function siteRoot() {
    var cfg = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(cfg.textContent).base || "."; } catch (e) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  /* "Copy link to this step": the stable URL of the step, the same in every language. */
  function copyLinks() {
    var buttons = document.querySelectorAll(".trm-copy-link");
    Array.prototype.forEach.call(buttons, function (btn) {
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var url = location.href.split("#")[0];
        var label = btn.getAttribute("data-label") || btn.textContent;
        btn.setAttribute("data-label", label);
        var done = function () {      /* says so, then offers to copy again */
          btn.textContent = btn.getAttribute("data-copied");
          setTimeout(function () { btn.textContent = label; }, 3000);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(done, function () { window.prompt("", url); });
        } else {
          window.prompt("", url);
        }
      });
    });
  }

  function loadScript(src, done, fail) {
    var s = document.createElement("script");
    s.src = src;
    s.onload = done;
    s.onerror = fail;
    document.head.appendChild(s);
  }

  /* Search page: Pagefind when served over http(s); from file:// (the offline bundle), where
     Pagefind cannot run, a MiniSearch index per language loaded by classic scripts. */
  function search() {
    var box = document.getElementById("trm-search");
    if (!box) return;
    var q = new URLSearchParams(location.search).get("q") || "";
    var root = siteRoot();
    var failed = function () {
      var p = document.createElement("p");
      p.textContent = box.getAttribute("data-failed");
      box.appendChild(p);
    };
    if (location.protocol === "file:") return offlineSearch(box, root, q, failed);
    /* each language has its own Pagefind bundle (<lang>/pagefind/; pagefind/ for the default). The
       offline zip has none (Pagefind cannot run from file://): its copy of the site, unzipped and
       served over http, searches with the offline index instead. */
    var bundle = new URL(box.getAttribute("data-bundle") || "pagefind/", root);
    var css = document.createElement("link");      /* (asked for with the script, not after it) */
    css.rel = "stylesheet";
    css.href = new URL("pagefind-ui.css", bundle).href;
    document.head.appendChild(css);
    loadScript(new URL("pagefind-ui.js", bundle).href, function () {
      /* global PagefindUI */
      var ui = new PagefindUI({ element: "#trm-search", showSubResults: true, showImages: false,
                                bundlePath: bundle.pathname,
                                /* the index holds addresses from the site root (ar/countries/al.html);
                                   by default Pagefind would put them under the bundle's folder (ar/ar/...) */
                                baseUrl: root.pathname,
                                /* our words in every language (Pagefind has none for Albanian) */
                                translations: JSON.parse(box.getAttribute("data-ui") || "{}"),
                                /* a long page (a country profile) is not pushed below short ones that
                                   name the same country (corridors): Україна found its profile 6th;
                                   and a page that names a word often (the profile names its country
                                   throughout) keeps gaining from it for longer: "Albanie" found a
                                   report on Albania before the profile */
                                ranking: { pageLength: 0.2, termSaturation: 2.0 } });
      /* Pagefind names its box with a title only, which not every screen reader announces */
      var input = box.querySelector(".pagefind-ui__search-input");
      if (input) input.setAttribute("aria-label", box.getAttribute("data-label"));
      if (q) ui.triggerSearch(q);
    }, function () { css.remove(); offlineSearch(box, root, q, failed); });
  }

  function offlineSearch(box, root, q, failed) {
    var lang = document.documentElement.lang;
    var form = document.createElement("form");
    form.setAttribute("role", "search");
    form.className = "trm-search-form";
    var label = document.createElement("label");
    label.className = "trm-visually-hidden";
    label.htmlFor = "trm-offline-q";
    label.textContent = box.getAttribute("data-label");
    var input = document.createElement("input");
    input.type = "search";
    input.id = "trm-offline-q";
    input.name = "q";
    input.autocomplete = "off";
    input.placeholder = box.getAttribute("data-placeholder");
    input.value = q;
    form.appendChild(label);
    form.appendChild(input);
    var status = document.createElement("p");
    status.className = "trm-search-status";
    status.setAttribute("role", "status");
    var list = document.createElement("ol");
    list.className = "trm-search-results";
    box.appendChild(form);
    box.appendChild(status);
    box.appendChild(list);
    var engine = null;

    function run() {
      var text = input.value.trim();
      list.textContent = "";
      status.textContent = "";
      if (!engine || !text) return;
      var hits = engine.search(text, { prefix: true, fuzzy: function (t) { return t.length > 4 ? 0.2 : 0; },
                                       combineWith: "AND", boost: { title: 3 } });
      status.textContent = hits.length ? box.getAttribute("data-results").replace("{n}", hits.length)
                                       : box.getAttribute("data-none");
      hits.slice(0, 50).forEach(function (h) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = new URL(h.url, root).href;
        a.className = "trm-search-result-link";
        a.textContent = h.title || h.url;
        var p = document.createElement("p");
        p.textContent = h.excerpt;
        li.appendChild(a);
        li.appendChild(p);
        list.appendChild(li);
      });
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.addEventListener("input", run);
    var base = new URL("assets/", root).href;
    loadScript(base + "vendor/minisearch.js", function () {
      loadScript(base + "search-text.js", function () {
        loadScript(new URL("search/offline-" + lang + ".js", root).href, function () {
          /* global MiniSearch, TrmSearchText */
          var t = TrmSearchText;
          engine = MiniSearch.loadJS(t.unpack(window.__trmOffline[lang]), {
            fields: t.fields, storeFields: t.storeFields, tokenize: t.tokenize, processTerm: t.processTerm });
          run();
        }, failed);
      }, failed);
    }, failed);
  }

  /* Printed pages say when they were printed (a brief may be read weeks later). */
  Array.prototype.forEach.call(document.querySelectorAll(".trm-print-date"), function (el) {
    /* the month in words: 11/23/2026 reads differently in different countries */
    if (!el.textContent) el.textContent = new Date().toLocaleDateString(document.documentElement.lang,
                                                                        { day: "numeric", month: "long", year: "numeric" });
  });

  /* Switching language keeps the view: the role chosen on a procedure (?role=), the countries
     compared (?c=), the catalogue's filters and the section (#anchor), the same in every language. */
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.md-select__link[hreflang]");
    if (!a || (!location.search && !location.hash)) return;
    a.href = a.href.split(/[?#]/)[0] + location.search + location.hash;
  }, true);

  /* The offline page's download button, only where the zip is: not in the unzipped bundle (the
     zip does not hold itself), and on a served site only once 'trmkb bundle' has put it there. */
  Array.prototype.forEach.call(document.querySelectorAll(".trm-download a"), function (a) {
    if (location.protocol === "file:") { a.parentNode.hidden = true; return; }
    if (!window.fetch) return;
    fetch(a.href, { method: "HEAD" }).then(function (r) {
      if (!r.ok) a.parentNode.hidden = true;
    }, function () { /* offline for a moment: leave it */ });
  });
  copyLinks();
  search();
})();
