/* Numbers in the page's language, as danvan/core/numbers.py writes and reads them: the separators
   come from the server (<html data-group="." data-decimal=",">), so a chart's axis, a tooltip and
   the grid's running total print 14.516 and 1.234,5 exactly like the page around them.
   window.DanVanNumbers.format(value, places) and .parse(text) (NaN when the text is not a number). */
(function () {
  "use strict";

  function separators() {
    var root = document.documentElement;
    return {
      group: root.getAttribute("data-group") || ".",
      decimal: root.getAttribute("data-decimal") || ","
    };
  }

  function escape(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* At most `places` decimals (2 unless given), trailing zeros dropped; "—" for nothing reported. */
  function format(value, places) {
    if (value === null || value === undefined || value === "" || value === "-") {
      return "—";
    }
    var n = Number(value);
    if (!isFinite(n)) {
      return String(value);
    }
    var s = separators();
    var digits = places === undefined || places === null ? 2 : places;
    var text = Math.abs(n).toFixed(digits);
    if (text.indexOf(".") >= 0) {
      text = text.replace(/0+$/, "").replace(/\.$/, "");
    }
    var parts = text.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, s.group);
    var sign = n < 0 && Number(text) !== 0 ? "-" : "";
    return sign + whole + (parts[1] ? s.decimal + parts[1] : "");
  }

  function parse(text) {
    var s = separators();
    var t = String(text === undefined || text === null ? "" : text)
      .replace(/[\u00a0\u202f\u2009]/g, " ")
      .replace(/[\u2212\u2013]/g, "-")
      .trim()
      .replace(/\s*(?:₫|đ|vnđ|vnd|đồng)\s*$/i, "");
    if (t === "") {
      return null;
    }
    var g = escape(s.group);
    var d = escape(s.decimal);
    var re = new RegExp("^([+-]?) ?(\\d+|\\d{1,3}(?:" + g + "\\d{3})+|\\d{1,3}(?: \\d{3})+)(?:" + d + "(\\d+))?$");
    var m = re.exec(t);
    if (!m) {
      return NaN;
    }
    var whole = m[2].split(s.group).join("").split(" ").join("");
    return Number(m[1] + whole + (m[3] ? "." + m[3] : ""));
  }

  function formatValue(value) {
    return format(value && typeof value === "object" && "value" in value ? value.value : value);
  }

  function valueAxes(axis) {
    return (Array.isArray(axis) ? axis : axis ? [axis] : []).filter(function (a) { return a.type === "value"; });
  }

  /* Every number an ECharts option shows: tooltips, value axes and series labels (a pie's too). */
  function chart(option) {
    if (option.tooltip) {
      option.tooltip.valueFormatter = formatValue;
      if (typeof option.tooltip.formatter === "string") {
        delete option.tooltip.formatter;
      }
    }
    valueAxes(option.xAxis).concat(valueAxes(option.yAxis)).forEach(function (a) {
      a.axisLabel = Object.assign({}, a.axisLabel, { formatter: function (v) { return format(v); } });
    });
    (Array.isArray(option.series) ? option.series : []).forEach(function (s) {
      if (s.label && (s.label.show || s.type === "pie")) {
        s.label.formatter = function (p) { return formatValue(p.value); };
      }
    });
    return option;
  }

  window.DanVanNumbers = { format: format, parse: parse, chart: chart };
})();
