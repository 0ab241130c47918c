/* Practitioner checklists: progress, storage on this device only, print, export and import.
   Classic script: no modules, no network, works from file://.
   Storage: sessionStorage by default; localStorage only after "remember on this device".
   Keys carry the tool id and version; items marked personal are never stored or exported. */
(function () {
  "use strict";
  var form = document.getElementById("trm-checklist");
  if (!form) return;

  var tool = form.getAttribute("data-tool");
  var version = form.getAttribute("data-version");
  var KEY = "trmkb:answers:" + tool + ":" + version;
  var REMEMBER = "trmkb:remember:" + tool + ":" + version;
  var bar = document.querySelector(".trm-tool-bar");
  var progress = bar.querySelector(".trm-progress");
  var remember = bar.querySelector(".trm-remember-input");
  var message = bar.querySelector(".trm-tool-message");
  bar.hidden = false;

  /* The bar stays at the top while the list scrolls: keep a control reached with Tab (or Shift+Tab)
     from ending up under it and the header, by reserving their height when the page scrolls to it. */
  function reserve() {
    var header = document.querySelector(".md-header");
    var style = window.getComputedStyle(bar);
    var h = (style.position === "sticky" ? parseFloat(style.top) + bar.offsetHeight
                                          : (header ? header.offsetHeight : 0)) + 8;
    document.documentElement.style.scrollPaddingTop = h + "px";
  }
  reserve();
  window.addEventListener("resize", reserve);
  if (window.ResizeObserver) new ResizeObserver(reserve).observe(bar);   /* its lines fill in later */

  function store(kind) {
    try { return kind === "local" ? window.localStorage : window.sessionStorage; } catch (e) { return null; }
  }
  function items() { return Array.prototype.slice.call(form.querySelectorAll(".trm-item")); }
  function isPersonal(item) { return item.getAttribute("data-personal") === "true"; }

  function valueOf(item) {
    var inputs = item.querySelectorAll("input, textarea");
    for (var i = 0; i < inputs.length; i++) {
      var el = inputs[i];
      if (el.type === "checkbox") { if (el.checked) return "yes"; }
      else if (el.type === "radio") { if (el.checked) return el.value; }
      else if (el.value.trim() !== "") return el.value;
    }
    return null;
  }

  function setValue(item, value) {
    var inputs = item.querySelectorAll("input, textarea");
    for (var i = 0; i < inputs.length; i++) {
      var el = inputs[i];
      if (el.type === "checkbox") el.checked = value === "yes";
      else if (el.type === "radio") el.checked = el.value === value;
      else el.value = value == null ? "" : value;
    }
  }

  function answers(includePersonal) {
    var out = {};
    items().forEach(function (item) {
      if (!includePersonal && isPersonal(item)) return;
      var v = valueOf(item);
      if (v !== null) out[item.id] = v;
    });
    return out;
  }

  function save() {
    var data = JSON.stringify(answers(false));
    var keep = remember.checked ? store("local") : store("session");
    var drop = remember.checked ? store("session") : store("local");
    try {
      if (keep) keep.setItem(KEY, data);
      if (drop) drop.removeItem(KEY);
    } catch (e) { /* storage full or disabled: answers stay on the page only */ }
  }

  function load() {
    var local = store("local");
    remember.checked = !!(local && local.getItem(REMEMBER) === "1");
    var from = remember.checked ? local : store("session");
    var raw = from && from.getItem(KEY);
    if (!raw) return;
    try { apply(JSON.parse(raw)); } catch (e) { /* ignore damaged storage */ }
  }

  function apply(data) {
    items().forEach(function (item) {
      if (isPersonal(item)) return;
      if (Object.prototype.hasOwnProperty.call(data, item.id)) setValue(item, data[item.id]);
    });
  }

  function update() {
    var all = items();
    var answered = all.filter(function (i) { return valueOf(i) !== null; }).length;
    progress.textContent = progress.getAttribute("data-template").replace("{n}", answered).replace("{m}", all.length);
    Array.prototype.forEach.call(form.querySelectorAll(".trm-section"), function (sec) {
      var its = sec.querySelectorAll(".trm-item");
      var n = 0;
      for (var i = 0; i < its.length; i++) if (valueOf(its[i]) !== null) n++;
      sec.querySelector(".trm-section-count").textContent = "(" + n + "/" + its.length + ")";
    });
  }

  function clearItem(item) {
    Array.prototype.forEach.call(item.querySelectorAll("input, textarea, select"), function (el) {
      if (el.type === "checkbox" || el.type === "radio") el.checked = false;
      else el.value = "";
    });
  }

  function say(key) {
    message.textContent = message.getAttribute(key);
  }

  form.addEventListener("input", function () { save(); update(); });
  form.addEventListener("change", function () { save(); update(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  remember.addEventListener("change", function () {
    var local = store("local");
    try {
      if (remember.checked) { if (local) local.setItem(REMEMBER, "1"); }
      else if (local) { local.removeItem(REMEMBER); }
    } catch (e) { /* storage disabled */ }
    save();
  });

  bar.querySelector(".trm-clear").addEventListener("click", function () {
    if (!window.confirm(this.getAttribute("data-confirm"))) return;
    [store("session"), store("local")].forEach(function (s) {
      if (!s) return;
      try { s.removeItem(KEY); s.removeItem(REMEMBER); } catch (e) { /* ignore */ }
    });
    form.reset();
    remember.checked = false;
    update();
    say("data-cleared");
  });

  bar.querySelector(".trm-print").addEventListener("click", function () { window.print(); });

  bar.querySelector(".trm-export").addEventListener("click", function () {
    var payload = { tool: tool, version: version, exported: new Date().toISOString(), answers: answers(false) };
    var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = tool.toLowerCase() + "-answers-" + new Date().toISOString().slice(0, 10) + ".json";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });

  bar.querySelector(".trm-import").addEventListener("change", function () {
    var file = this.files && this.files[0];
    var input = this;
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      try {
        var data = JSON.parse(reader.result);
        if (data.tool !== tool || String(data.version).split(".")[0] !== version.split(".")[0] ||
            typeof data.answers !== "object") throw new Error("wrong tool");
        /* the file replaces the answers it can hold; personal ones (never exported) stay as typed */
        items().forEach(function (item) { if (!isPersonal(item)) clearItem(item); });
        apply(data.answers);
        save();
        update();
        say("data-imported");
      } catch (e) {
        say("data-import-error");
      }
      input.value = "";
    };
    reader.readAsText(file);
  });

  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(form.querySelectorAll("details"), function (d) { d.open = true; });
  });

  load();
  update();
})();
