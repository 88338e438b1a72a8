/* Indicator page: targets, reported results and actuals by year, one ECharts line chart per measure. */
(function () {
  "use strict";
  function draw() {
    var dataEl = document.getElementById("series-data");
    if (!dataEl || !window.echarts) return;
    var all = JSON.parse(dataEl.textContent);
    var labels = JSON.parse(document.getElementById("chart-labels").textContent);
    all.forEach(function (s, i) {
      var el = document.getElementById("chart-" + i);
      if (!el) return;
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      var years = s.years.map(String);
      var values = s.target.concat(s.result, s.actual).filter(function (v) { return v !== null; });
      var biggest = Math.max.apply(null, values.map(Math.abs).concat([0]));
      var zh = document.body.getAttribute("data-lang") === "zh";
      var scale = 1, unit = s.unit;
      if (zh && ["%", "百分点", "倍", ""].indexOf(s.unit) < 0) {
        if (biggest >= 1e8) { scale = 1e8; unit = "亿" + s.unit; } else if (biggest >= 1e5) { scale = 1e4; unit = "万" + s.unit; }
      }
      var scaled = function (list) { return list.map(function (v) { return v === null ? null : v / scale; }); };
      var line = function (name, values, extra) {
        return Object.assign({ name: name, type: "line", data: values, connectNulls: true, symbolSize: 9 }, extra || {});
      };
      chart.setOption({
        animation: false,
        tooltip: { trigger: "axis" },
        legend: { top: 0, data: [labels.target, labels.result, labels.actual] },
        grid: { left: 70, right: 30, top: 50, bottom: 30 },
        xAxis: { type: "category", data: years },
        yAxis: { type: "value", name: unit, scale: true },
        series: [
          line(labels.target, scaled(s.target), { lineStyle: { type: "dashed" }, itemStyle: { color: "#b3261e" } }),
          line(labels.result, scaled(s.result), { itemStyle: { color: "#e07b00" } }),
          line(labels.actual, scaled(s.actual), { itemStyle: { color: "#1565c0" } })
        ]
      });
      chart.on("click", function (p) {
        var ids = p.seriesIndex === 0 ? s.target_record : (p.seriesIndex === 1 ? s.result_record : null);
        var id = ids && ids[p.dataIndex];
        var row = id && document.getElementById("rec-" + id);
        if (row) { row.scrollIntoView({ block: "center" }); row.style.background = "#fff1b8"; }
      });
      el.setAttribute("data-drawn", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
