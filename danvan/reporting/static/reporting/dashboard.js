/* The charts of the reporting dashboard: Apache ECharts, each fed by the options in the json_script
   tag its element names in data-chart (built in reporting/dashboards.py). Drawn on load, and again
   after an HTMX swap or history restore should a later page swap a part that carries its own
   json_script (the site's htmx config drops script tags from swapped content, so today the
   dashboard renders whole pages). Numbers on axes and in tooltips are written by core/numbers.js,
   as the tables beside the charts write them. */
(function () {
  "use strict";

  function draw(root) {
    if (!window.echarts) {
      return;
    }
    (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) {
        return;
      }
      var old = window.echarts.getInstanceByDom(el);
      if (old) {
        old.dispose();
      }
      el.textContent = ""; // a history snapshot keeps the old drawing: start clean
      var rows = parseInt(el.getAttribute("data-rows") || "0", 10);
      if (rows > 8) {
        // one band per unit; past 25 units (YOY_VISIBLE_ROWS in reporting/dashboards/charts.py) the
        // chart scrolls through them instead of squeezing their names together
        el.style.height = 4 + Math.min(rows, 25) * 1.6 + "rem";
      }
      var option = window.DanVanNumbers.chart(JSON.parse(source.textContent)); // core/numbers.js
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option);
    });
  }

  function resizeAll() {
    if (!window.echarts) {
      return;
    }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = window.echarts.getInstanceByDom(el);
      if (chart) {
        chart.resize();
      }
    });
  }

  function start() {
    draw(document);
    window.addEventListener("resize", resizeAll);
    document.body.addEventListener("htmx:afterSettle", function () { draw(document); });
    document.body.addEventListener("htmx:historyRestore", function () { draw(document); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
