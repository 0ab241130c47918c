/* Resource catalogue: free text plus facets (country, region, years, theme, type, document
   language) with counts, updated without reloading. Classic script; works from file://. */
(function () {
  "use strict";
  var form = document.getElementById("trm-facets");
  var list = document.getElementById("trm-reslist");
  if (!form || !list) return;
  form.hidden = false;
  var items = Array.prototype.slice.call(list.children);
  var count = document.querySelector(".trm-result-count");
  var fold = function (s) { return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); };
  var texts = items.map(function (li) { return fold(li.textContent); });
  var FACETS = ["themes", "type", "regions", "langs"];

  function state() {
    var s = { q: fold(form.q.value.trim()), from: +form.from.value || 0, to: +form.to.value || 9999,
              countries: form.countries.value };
    FACETS.forEach(function (f) {
      s[f] = Array.prototype.filter.call(form.querySelectorAll('input[name="' + f + '"]'), function (c) {
        return c.checked; }).map(function (c) { return c.value; });
    });
    return s;
  }

  function has(li, facet, value) { return (" " + li.getAttribute("data-" + facet) + " ").indexOf(" " + value + " ") >= 0; }

  /* A facet with several ticked values matches any of them; different facets must all match. */
  function matches(li, i, s, skip) {
    var y = +li.getAttribute("data-year");
    if (y < s.from || y > s.to) return false;
    if (s.q && s.q.split(/\s+/).some(function (w) { return texts[i].indexOf(w) < 0; })) return false;
    if (s.countries && !has(li, "countries", s.countries)) return false;
    return FACETS.every(function (f) {
      return f === skip || !s[f].length || s[f].some(function (v) { return has(li, f, v); });
    });
  }

  /* The address follows the country and theme chosen, so a copied link shares this view. */
  function remember(s) {
    var q = new URLSearchParams(location.search);
    if (s.countries) q.set("country", s.countries.toLowerCase()); else q.delete("country");
    if (s.themes.length === 1) q.set("theme", s.themes[0]); else q.delete("theme");
    var search = q.toString();
    try {
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    } catch (e) { /* some browsers refuse this for file:// pages: the view still works */ }
  }

  function update() {
    var s = state();
    remember(s);
    var shown = 0;
    items.forEach(function (li, i) {
      var ok = matches(li, i, s, null);
      li.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = count.getAttribute("data-template").replace("{n}", shown).replace("{m}", items.length);
    FACETS.forEach(function (f) {
      Array.prototype.forEach.call(form.querySelectorAll('input[name="' + f + '"]'), function (c) {
        var n = items.filter(function (li, i) { return matches(li, i, s, f) && has(li, f, c.value); }).length;
        c.parentNode.querySelector(".trm-facet-count").textContent = "(" + n + ")";
        c.parentNode.classList.toggle("trm-facet-empty", n === 0 && !c.checked);
      });
    });
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  var q = new URLSearchParams(location.search);
  if (q.get("country")) form.countries.value = q.get("country").toUpperCase();
  if (q.get("theme")) Array.prototype.forEach.call(form.querySelectorAll('input[name="themes"]'), function (c) {
    c.checked = c.value === q.get("theme"); });
  update();
})();
