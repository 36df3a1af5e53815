// The petitions dashboard's bar chart: received, resolved and resolved on time by unit (data from json_script).
document.addEventListener("DOMContentLoaded", () => {
  const holder = document.getElementById("petition-chart");
  const source = document.getElementById("petition-chart-data");
  if (!holder || !source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  if (!data.labels.length) { holder.hidden = true; return; }
  const chart = window.echarts.init(holder);
  chart.setOption(window.DanVanNumbers.chart({  // core/numbers.js: 1.234 on the axis, as on the page
    tooltip: { trigger: "axis" },
    legend: { data: data.names },
    xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: data.labels.length > 6 ? 30 : 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: data.names[0], type: "bar", data: data.received },
      { name: data.names[1], type: "bar", data: data.resolved },
      { name: data.names[2], type: "bar", data: data.on_time },
    ],
  }));
  window.addEventListener("resize", () => chart.resize());
});
