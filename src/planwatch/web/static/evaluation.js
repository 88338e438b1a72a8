/* Evaluation page: the dimension scores as an ECharts radar (0–100); a dimension without data is no point
   ("-": ECharts' empty value) on an axis whose name says 暂无数据, never a 0 at the centre. */
(function () {
  "use strict";
  function draw() {
    var dataEl = document.getElementById("radar-data");
    var el = document.getElementById("evaluation-radar");
    if (!dataEl || !el || !window.echarts) return;
    var radar = JSON.parse(dataEl.textContent);
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: {},
      radar: { indicator: radar.names.map(function (n) { return { name: n, max: 100 }; }), radius: "65%" },
      series: [{
        type: "radar",
        data: [{ value: radar.scores.map(function (v) { return v === null ? "-" : v; }), name: "",
                 areaStyle: { opacity: 0.25 }, itemStyle: { color: "#1565c0" } }]
      }]
    });
    el.setAttribute("data-drawn", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
