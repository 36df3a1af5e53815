/* The main menu: one group open at a time (Escape or a click elsewhere closes it), and on a narrow
   screen the whole list folds behind the "Menu" button. Without this script the menu still works:
   the groups are <details>, and the list is simply shown in full. */
(function () {
  "use strict";
  var nav = document.querySelector(".site-nav");
  if (!nav) return;
  var toggle = nav.querySelector(".site-nav__toggle");
  var groups = Array.prototype.slice.call(nav.querySelectorAll(".site-nav__group > details"));
  var narrow = window.matchMedia("(max-width: 48rem)");

  function closeGroups(except) {
    groups.forEach(function (d) {
      if (d !== except) d.open = false;
    });
  }

  function setFolded(folded) {
    nav.classList.toggle("site-nav--folded", folded);
    toggle.setAttribute("aria-expanded", folded ? "false" : "true");
  }

  function layout() {
    if (narrow.matches) {
      toggle.hidden = false;
      setFolded(true);
    } else {
      toggle.hidden = true;
      nav.classList.remove("site-nav--folded");
    }
  }

  groups.forEach(function (d) {
    d.addEventListener("toggle", function () {
      if (d.open) closeGroups(d);
    });
  });
  toggle.addEventListener("click", function () {
    setFolded(!nav.classList.contains("site-nav--folded"));
  });
  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) closeGroups(null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = groups.filter(function (d) { return d.open; })[0];
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
    } else if (narrow.matches && !nav.classList.contains("site-nav--folded") && nav.contains(document.activeElement)) {
      setFolded(true);
      toggle.focus();
    }
  });
  if (narrow.addEventListener) narrow.addEventListener("change", layout);
  layout();
})();
