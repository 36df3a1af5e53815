/* The entry grid: Enter and ↓ move to the next figure, ↑ to the previous one, Ctrl+S saves, and a
   breakdown's total follows what is typed. Listeners sit on the document, so they keep working
   after HTMX swaps the grid in place; focus returns to the cell it was on (or the first wrong one). */
(function () {
  "use strict";

  function cells() {
    return Array.prototype.slice.call(document.querySelectorAll("#grid input[data-cell]"));
  }

  function move(from, step) {
    var all = cells();
    var next = all[all.indexOf(from) + step];
    if (next) {
      next.focus();
      next.select();
    }
  }

  /* "1.234" is 1234 and "12,5" is 12.5 in Vietnamese, as the server reads them (core/numbers.js
     mirrors danvan/core/numbers.py); a blank cell counts as nothing. */
  function parse(text) {
    var n = window.DanVanNumbers.parse(text);
    return n === null ? 0 : n;
  }

  function show(n) {
    return window.DanVanNumbers.format(n, 4);
  }

  function updateTotal(input) {
    var body = input.closest("tbody.grid-row--breakdown");
    if (!body) return;
    var total = body.querySelector("[data-total-for]");
    if (!total) return;
    var sum = 0;
    var ok = true;
    body.querySelectorAll("input[data-cell]").forEach(function (cell) {
      var v = parse(cell.value);
      if (isNaN(v)) ok = false;
      else sum += v;
    });
    total.textContent = ok ? show(sum) : "?";
  }

  document.addEventListener("keydown", function (event) {
    var grid = document.getElementById("grid");
    if (!grid || grid.tagName !== "FORM") return;
    if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "S")) {
      event.preventDefault();
      var save = document.getElementById("grid-save");
      grid.requestSubmit(save || undefined);
      return;
    }
    var target = event.target;
    if (!target.matches || !target.matches("#grid input[data-cell]")) return;
    if (event.key === "Enter" || event.key === "ArrowDown") {
      event.preventDefault(); // Enter would submit the form
      move(target, 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(target, -1);
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("#grid input[data-cell]")) updateTotal(event.target);
  });

  var focused = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var active = document.activeElement;
    focused = active && active.matches && active.matches("#grid input[data-cell]") ? active.name : null;
    var grid = document.getElementById("grid");
    if (grid && event.detail.elt && grid.contains(event.detail.elt)) grid.setAttribute("aria-busy", "true");
  });
  document.addEventListener("htmx:afterSettle", function () {
    var grid = document.getElementById("grid");
    if (!grid) return;
    grid.removeAttribute("aria-busy");
    var wrong = grid.querySelector("input[aria-invalid='true']");
    var back = focused ? grid.querySelector("input[name='" + CSS.escape(focused) + "']") : null;
    var confirm = grid.querySelector("#submit-confirm-button"); // "Submit this report?" asks first
    var where = wrong || confirm || back;
    if (where) where.focus();
  });
})();
