/* Procedures: narrow a step (or a printed phase) to one role or place, and print a phase.
   The role travels in the link (?role=origin) so a trainer can share a narrowed view. */
(function () {
  "use strict";
  var ROLE_SECTIONS = { destination: "destination", transit: "transit", origin: "origin",
                        consular: "consular", guardian: "child" };
  var ALL = ["destination", "transit", "origin", "consular", "child"];

  function sections(anchor) {
    /* An h2 with id ending in the anchor and everything after it up to the next h2 or step. */
    var out = [];
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset h2[id], .md-typeset h3[id]"), function (h) {
      var id = h.id;
      if (id !== anchor && id.slice(-anchor.length - 1) !== "-" + anchor) return;
      var level = h.tagName;
      var group = [h];
      for (var n = h.nextElementSibling; n && n.tagName !== level && n.tagName !== "H2" && !n.classList.contains("trm-print-step"); n = n.nextElementSibling) group.push(n);
      out.push(group);
    });
    return out;
  }

  function apply(select, status) {
    var role = select.value;
    var keep = role ? ROLE_SECTIONS[role] : null;
    ALL.forEach(function (a) {
      sections(a).forEach(function (group) {
        group.forEach(function (el) { el.hidden = !!keep && a !== keep; });
      });
    });
    status.textContent = role ? status.getAttribute("data-template").replace("{role}", select.options[select.selectedIndex].text) : "";
    var url = new URL(location.href);
    if (role) url.searchParams.set("role", role); else url.searchParams.delete("role");
    history.replaceState(null, "", url.href);
  }

  Array.prototype.forEach.call(document.querySelectorAll(".trm-rolefilter"), function (box) {
    var select = box.querySelector(".trm-role-select");
    var status = box.querySelector(".trm-role-status");
    box.hidden = false;
    var initial = new URLSearchParams(location.search).get("role");
    if (initial && ROLE_SECTIONS[initial]) select.value = initial;
    select.addEventListener("change", function () { apply(select, status); });
    if (select.value) apply(select, status);
  });

  Array.prototype.forEach.call(document.querySelectorAll(".trm-print-page"), function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
})();
