/* Evaluation page: the dimension scores as an ECharts radar (0–100) with an axis for each dimension with data
   only: ECharts draws an empty value ("-") at the centre, so a dimension without data (null) gets no axis and
   is listed as 暂无数据 beside the chart instead; with fewer than MIN_AXES the page has no chart (it says so). */
(function () {
  "use strict";
  var MIN_AXES = 3;  // two axes are a line, one a dot: no radar
  function draw() {
    var dataEl = document.getElementById("radar-data");
    var el = document.getElementById("evaluation-radar");
    if (!dataEl || !el || !window.echarts) return;
    var radar = JSON.parse(dataEl.textContent);
    var names = [], scores = [];
    radar.scores.forEach(function (v, i) {
      if (v !== null) { names.push(radar.names[i]); scores.push(v); }
    });
    if (scores.length < MIN_AXES) return;
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: {},
      radar: { indicator: names.map(function (n) { return { name: n, max: 100 }; }), radius: "65%" },
      series: [{
        type: "radar",
        data: [{ value: scores, name: "", areaStyle: { opacity: 0.25 }, itemStyle: { color: "#1565c0" } }]
      }]
    });
    el.setAttribute("data-drawn", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
