/* Country directory: filter and sort the table; compare two to four countries.
   Classic script, no network, works from file://. */
(function () {
  "use strict";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function directory() {
    var table = document.getElementById("trm-directory");
    var panel = document.getElementById("trm-dir-filters");
    if (!table || !panel) return;
    panel.hidden = false;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = panel.querySelector(".trm-filter-count");
    var controls = panel.querySelectorAll("[data-filter]");
    var fold = function (s) { return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); };

    /* the name in this language, or the ISO code shown on the tiles ("ua"), or the English name */
    function found(r, q) {
      var keys = fold(r.getAttribute("data-keys") || "");
      return fold(r.textContent).indexOf(q) >= 0 || keys.split(" ")[0] === q || keys.indexOf(q) > 2;
    }

    function apply() {
      var f = {};
      each(controls, function (c) { f[c.getAttribute("data-filter")] = c.value; });
      var shown = 0;
      rows.forEach(function (r) {
        var ok = (!f.region || r.getAttribute("data-region") === f.region) &&
                 (!f.roles || r.getAttribute("data-roles").split(" ").indexOf(f.roles) >= 0) &&
                 (!f.nrm || r.getAttribute("data-nrm") === f.nrm) &&
                 (!f.party || r.getAttribute("data-party").split(" ").indexOf(f.party) >= 0) &&
                 (!f.text || found(r, fold(f.text.trim())));
        r.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = count.getAttribute("data-template").replace("{n}", shown).replace("{m}", rows.length);
    }
    each(controls, function (c) { c.addEventListener("input", apply); c.addEventListener("change", apply); });

    each(table.tHead.querySelectorAll("button[data-sort]"), function (btn, col) {
      btn.addEventListener("click", function () {
        var th = btn.parentNode;
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        each(table.tHead.querySelectorAll("th"), function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var key = function (r) {
          var cell = r.cells[col];
          return col === 0 ? r.getAttribute("data-name") : (cell.getAttribute("data-value") || "");
        };
        var lang = document.documentElement.lang;
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = x.localeCompare(y, lang);
          return dir === "ascending" ? c : -c;
        });
        rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
      });
    });
    var first = table.tHead.querySelector('th[aria-sort="ascending"] button');
    if (first) { first.parentNode.removeAttribute("aria-sort"); first.click(); }
    apply();
  }

  function compare() {
    var form = document.getElementById("trm-compare-form");
    var table = document.getElementById("trm-compare");
    if (!form || !table) return;
    var data = {};
    each(document.querySelectorAll(".trm-compare-data [data-country]"), function (d) {
      data[d.getAttribute("data-country")] = d;
    });
    var selects = form.querySelectorAll("select");
    var msg = form.querySelector(".trm-compare-message");

    function show(codes) {
      codes = codes.filter(function (c, i) { return data[c] && codes.indexOf(c) === i; });
      each(selects, function (s, i) { s.value = codes[i] || ""; });
      var head = table.tHead.rows[0];
      while (head.cells.length > 1) head.deleteCell(1);
      each(table.tBodies[0].rows, function (r) { while (r.cells.length > 1) r.deleteCell(1); });
      if (codes.length < 2 || codes.length > 4) {
        table.hidden = true;
        if (codes.length) msg.textContent = form.getAttribute("data-limit");
        return;
      }
      msg.textContent = "";
      codes.forEach(function (code) {
        var src = data[code];
        var th = document.createElement("th");
        th.scope = "col";
        var a = document.createElement("a");
        a.href = src.getAttribute("data-href");
        a.textContent = src.getAttribute("data-name");
        th.appendChild(a);
        head.appendChild(th);
        each(table.tBodies[0].rows, function (r) {
          var cell = r.insertCell(-1);
          var part = src.querySelector('[data-row="' + r.getAttribute("data-row") + '"]');
          if (part) cell.innerHTML = part.innerHTML;   /* our own build output, already escaped */
        });
      });
      table.hidden = false;
      headHeight();
    }

    /* a long fact's label stays in view just below the countries' names (trm.css) */
    function headHeight() {
      if (!table.hidden) table.style.setProperty("--trm-compare-head", table.tHead.offsetHeight + "px");
    }
    window.addEventListener("resize", headHeight);

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var codes = [];
      each(selects, function (s) { if (s.value) codes.push(s.value); });
      var url = new URL(location.href);
      url.searchParams.set("c", codes.join(","));
      history.replaceState(null, "", url.href);
      show(codes);
    });
    var initial = new URLSearchParams(location.search).get("c");
    if (initial) show(initial.toUpperCase().split(","));
  }

  directory();
  compare();
})();
