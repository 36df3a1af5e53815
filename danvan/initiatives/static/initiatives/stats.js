/* The charts of the statistics page: Apache ECharts, fed by the numbers of the json_script tag
   "stats-data". The tables beside the charts carry the same numbers for everyone. */
(function () {
  "use strict";

  var COLOURS = ["#b3201a", "#1d4f91", "#e0b420", "#1e6b3a", "#5b2d86", "#8a4b00", "#55606c"];
  var STATUS_COLOURS = {
    draft: "#9aa3ad",
    registered: "#1d4f91",
    recognised: "#1e6b3a",
    typical: "#e0b420",
    commended: "#b3201a",
    returned: "#c77700",
    discontinued: "#6d6d6d"
  };

  function bar(rows, series, colourOf) {
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "item" },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }) },
      series: [{
        name: series,
        type: "bar",
        barMaxWidth: 22,
        label: { show: true, position: "right" },
        data: rows.map(function (r, i) {
          return { value: r.value, itemStyle: { color: colourOf(r, i) } };
        })
      }]
    };
  }

  function pie(rows, series) {
    return {
      tooltip: {
        trigger: "item",
        formatter: function (p) { // name: value (share%), written as the page writes numbers
          var n = window.DanVanNumbers;
          return p.name + ": " + n.format(p.value) + " (" + n.format(p.percent, 1) + "%)";
        }
      },
      legend: { bottom: 0, left: "center" },
      color: COLOURS,
      series: [{
        name: series,
        type: "pie",
        radius: ["40%", "68%"],
        center: ["50%", "44%"],
        label: { formatter: "{c}" },
        data: rows.filter(function (r) { return r.value > 0; }).map(function (r) {
          return { name: r.name, value: r.value };
        })
      }]
    };
  }

  function draw() {
    var source = document.getElementById("stats-data");
    if (!source || !window.echarts) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var charts = [];
    var options = {
      field: bar(data.field, data.series, function (r, i) { return COLOURS[i % COLOURS.length]; }),
      kind: pie(data.kind, data.series),
      status: bar(data.status, data.series, function (r) { return STATUS_COLOURS[r.key] || COLOURS[0]; })
    };
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var option = options[el.getAttribute("data-chart")];
      if (!option) {
        return;
      }
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(window.DanVanNumbers.chart(option)); // core/numbers.js: numbers as the page writes them
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
