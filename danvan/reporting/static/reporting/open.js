/* "Open a report": once the unit is chosen, offer only the forms its level fills and the periods on
   its map; once the form is chosen, only the periods of its kind. The server does the same when the
   unit is known before the page is drawn (a reporter's only unit), and checks everything again. */
(function () {
  "use strict";
  var form = document.getElementById("open-form");
  if (!form) return;
  var unit = form.querySelector("#id_unit");
  var report = form.querySelector("#id_form");
  var period = form.querySelector("#id_period");
  if (!unit || !report || !period) return;

  function chosen(select) {
    return select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null;
  }

  function show(option, visible) {
    option.hidden = !visible;
    option.disabled = !visible;
  }

  function keepValid(select) {
    var current = chosen(select);
    if (current && current.disabled) {
      var first = Array.prototype.filter.call(select.options, function (o) { return !o.disabled && o.value; })[0];
      select.value = first ? first.value : "";
    }
  }

  function narrow() {
    var u = chosen(unit);
    var level = u && u.value ? u.getAttribute("data-level") : null;
    var era = u && u.value ? u.getAttribute("data-era") : null;
    Array.prototype.forEach.call(report.options, function (o) {
      if (!o.value) return;
      var levels = (o.getAttribute("data-levels") || "").split(" ");
      show(o, !level || levels.indexOf(level) >= 0);
    });
    keepValid(report);
    var f = chosen(report);
    var type = f && f.value ? f.getAttribute("data-period-type") : null;
    Array.prototype.forEach.call(period.querySelectorAll("option"), function (o) {
      if (!o.value) return;
      show(o, (!type || o.getAttribute("data-type") === type) && (!era || o.getAttribute("data-era") === era));
    });
    Array.prototype.forEach.call(period.querySelectorAll("optgroup"), function (g) {
      g.hidden = !g.querySelector("option:not([hidden])");
    });
    keepValid(period);
  }

  unit.addEventListener("change", narrow);
  report.addEventListener("change", narrow);
  narrow();
})();
