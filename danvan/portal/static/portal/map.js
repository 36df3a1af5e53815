/* The portal map: public models per province, drawn by ECharts over the province boundaries shipped
   in static/portal/map/ (no tiles, nothing from the internet). The figures come from the page
   (json_script "province-map-data"); the table below the map holds the same figures, and the era
   switch is plain links, so the page works without this script. Numbers via core/numbers.js. */
(function () {
  "use strict";

  // Hoàng Sa and Trường Sa: Vietnam's archipelagos, marked on every map of Vietnam (the boundary
  // data carries the mainland and near-shore islands only). Proper names: not translated.
  var ARCHIPELAGOS = [
    { name: "Quần đảo Hoàng Sa", value: [112.0, 16.5], label: { position: "bottom" } },
    { name: "Quần đảo Trường Sa", value: [114.3, 9.9], label: { position: "left" } }
  ];

  function format(n) {
    return window.DanVanNumbers ? window.DanVanNumbers.format(n, 0) : String(n);
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function draw(holder, data, boundaries) {
    var mapName = "vn-provinces-" + data.era;
    window.echarts.registerMap(mapName, boundaries);
    var byCode = {};
    var highest = 0;
    data.provinces.forEach(function (p) {
      byCode[p.code] = p;
      highest = Math.max(highest, p.count);
    });
    holder.hidden = false;
    var chart = window.echarts.init(holder);
    chart.setOption({
      tooltip: {
        trigger: "item",
        formatter: function (item) {
          var p = byCode[item.name];
          if (!p) { return escapeHtml(item.name); }
          return "<strong>" + escapeHtml(p.name) + "</strong><br>" + escapeHtml(format(p.count));
        }
      },
      visualMap: {
        type: "continuous",
        seriesIndex: 0,  // the provinces only, not the archipelagos' marks
        text: [format(highest), format(0)],
        min: 0,
        max: Math.max(highest, 1),
        left: "left",
        bottom: 10,
        calculable: false,
        inRange: { color: ["#fdf3d3", "#e8a33d", "#b3261e"] },
        formatter: function (value) { return format(Math.round(value)); }
      },
      geo: {
        map: mapName,
        nameProperty: "code",
        roam: false,
        boundingCoords: [[102.0, 23.5], [115.5, 8.3]],
        aspectScale: 0.96,  // 1 / cos(16°): Vietnam's shape at its mid latitude, not ECharts' 0.75 made for China
        layoutCenter: ["50%", "50%"],
        layoutSize: "98%",  // of the container's shorter side: fits a phone's width and a desktop's height
        itemStyle: { borderColor: "#8c7f66", borderWidth: 0.5, areaColor: "#eeeeee" },
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#1f5fa8" } },
        select: { disabled: true }
      },
      series: [
        {
          type: "map",
          geoIndex: 0,
          data: data.provinces.map(function (p) { return { name: p.code, value: p.count }; })
        },
        {
          type: "scatter",
          coordinateSystem: "geo",
          silent: true,
          symbolSize: 5,
          itemStyle: { color: "#555555" },
          label: { show: true, formatter: "{b}", fontSize: 11, color: "#333333" },
          data: ARCHIPELAGOS
        }
      ]
    });
    chart.on("click", function (item) {
      var p = item.seriesType === "map" ? byCode[item.name] : null;
      if (p) { window.location.href = p.url; }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    holder.setAttribute("data-drawn", String(data.provinces.length));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var holder = document.getElementById("province-map");
    var source = document.getElementById("province-map-data");
    if (!holder || !source || !window.echarts || !window.fetch) { return; }
    var data = JSON.parse(source.textContent);
    fetch(data.boundaries, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (boundaries) { draw(holder, data, boundaries); })
      .catch(function () { holder.hidden = true; });  // the table below still shows every figure
  });
})();
