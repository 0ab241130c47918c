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
        var done = function () { btn.textContent = btn.getAttribute("data-copied"); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(done, function () { window.prompt("", url); });
        } else {
          window.prompt("", url);
        }
      });
    });
  }

  /* Search page: Pagefind when served over http(s); file:// cannot run it. */
  function search() {
    var box = document.getElementById("trm-search");
    if (!box) return;
    var q = new URLSearchParams(location.search).get("q") || "";
    if (location.protocol === "file:") {
      var p = document.createElement("p");
      p.textContent = box.getAttribute("data-offline-message");
      box.appendChild(p);
      return;
    }
    var root = siteRoot();
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("pagefind/pagefind-ui.css", root).href;
    document.head.appendChild(css);
    var s = document.createElement("script");
    s.src = new URL("pagefind/pagefind-ui.js", root).href;
    s.onload = function () {
      /* global PagefindUI */
      var ui = new PagefindUI({ element: "#trm-search", showSubResults: true, showImages: false,
                                bundlePath: new URL("pagefind/", root).pathname,
                                translations: { placeholder: box.getAttribute("data-placeholder") } });
      if (q) ui.triggerSearch(q);
    };
    document.head.appendChild(s);
  }

  copyLinks();
  search();
})();
