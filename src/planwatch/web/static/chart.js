/* Indicator page: one ECharts chart per measure; one series per government on a real time axis
   (years as numbers, so uneven gaps stay uneven, and a line breaks across years without a value); target ranges as bands; every candidate
   actual drawn, the chosen one (the one monitoring judges by) joined by a line — full-year ones only: a part-year
   actual is a labelled point of its own (2019年上半年); a click on an actual opens its sentence in the plan reader. */
(function () {
  "use strict";
  var PALETTE = ["#1565c0", "#b3261e", "#2e7d32", "#6a1b9a", "#e07b00", "#00838f"];
  var GRID_LEFT = 70, GRID_RIGHT = 30;
  var YEAR_LABEL = 44;  /* px a year's label needs: "2019" in the axis font (about 30 px) and a gap */
  function draw() {
    var dataEl = document.getElementById("series-data");
    if (!dataEl || !window.echarts) return;
    var all = JSON.parse(dataEl.textContent);
    var labels = JSON.parse(document.getElementById("chart-labels").textContent);
    all.forEach(function (lane, i) {
      var el = document.getElementById("chart-" + i);
      if (!el) return;
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      /* the axis in the magnitude the tables beside it write (万人 from 10000 人 up, 亿元), chosen by the server */
      var scaled = (labels.scales && labels.scales[i]) || { divisor: 1, unit: lane.unit };
      var scale = scaled.divisor, unit = scaled.unit;
      var show = function (x) { return String(Math.abs(x) >= 0.1 || x === 0 ? Math.round(x * 100) / 100 : Number(x.toPrecision(2))); };
      var v = function (x) { return x === null || x === undefined ? null : x / scale; };
      var series = [], lookup = [];
      /* a line's points with a gap where years are missing: [x, null] after a point whose next one is more than a
         year on, so the line breaks there (it drew 2017→2020 straight through years with no data); the points list
         gets a null at the same place, so a point's index still finds it (tooltip, click) */
      var gapped = function (points, y) {
        var sorted = points.slice().sort(function (a, b) { return a.x - b.x; });
        var data = [], kept = [];
        sorted.forEach(function (p, k) {
          if (k > 0 && p.x - sorted[k - 1].x > 1) { data.push([sorted[k - 1].x + 1, null]); kept.push(null); }
          data.push([p.x, y(p)]); kept.push(p);
        });
        return { data: data, points: kept };
      };
      /* one year a label where there is room, else every 2nd, 5th … year: on a 390-px phone the eleven years of
         a 2014–2024 axis ran together ("2015201620172018…") */
      var xMin = Math.floor(lane.x_min) - 1, xMax = Math.ceil(lane.x_max) + 1;
      var yearStep = function () {
        var room = Math.max(1, Math.floor((el.clientWidth - GRID_LEFT - GRID_RIGHT) / YEAR_LABEL));
        var step = Math.max(1, Math.ceil((xMax - xMin) / room));
        return [1, 2, 5, 10, 20, 50].find(function (n) { return n >= step; }) || step;
      };
      /* a tick every year, a label on the years that are multiples of the step (2010, 2015, 2020) */
      var step = yearStep();
      lane.governments.forEach(function (g, gi) {
        var color = PALETTE[gi % PALETTE.length];
        var who = lane.governments.length > 1 ? g.government + " · " : "";
        var bands = g.targets.filter(function (p) { return p.value_max !== null && p.value_max !== undefined; })
          .map(function (p) { return [{ xAxis: p.x - 0.3, yAxis: v(Math.min(p.value, p.value_max)) }, { xAxis: p.x + 0.3, yAxis: v(Math.max(p.value, p.value_max)) }]; });
        var targets = gapped(g.targets, function (p) { return v(p.value_max !== null && p.value_max !== undefined ? (p.value + p.value_max) / 2 : p.value); });
        series.push({ name: who + labels.target, type: "line", data: targets.data, symbol: "diamond", symbolSize: 10,
          connectNulls: false, lineStyle: { type: "dashed", color: color }, itemStyle: { color: color },
          markArea: { silent: true, itemStyle: { color: color, opacity: 0.15 }, data: bands } });
        lookup.push(targets.points);
        var results = gapped(g.results, function (p) { return v(p.value); });
        series.push({ name: who + labels.result, type: "line", data: results.data, connectNulls: false,
          symbol: "triangle", symbolSize: 8, lineStyle: { type: "dotted", color: color }, itemStyle: { color: color } });
        lookup.push(results.points);
        /* the line joins full-year actuals only: a part of a year (上半年, 前三季度) is no year's value, drawn apart */
        var chosen = gapped(g.actuals.filter(function (p) { return p.chosen && !p.part; }), function (p) { return v(p.value); });
        series.push({ name: who + labels.actual, type: "line", data: chosen.data, connectNulls: false,
          symbolSize: 10, lineStyle: { color: color, width: 2 }, itemStyle: { color: color } });
        lookup.push(chosen.points);
        var parts = g.actuals.filter(function (p) { return p.chosen && p.part; });
        series.push({ name: who + labels.part, type: "scatter", data: parts.map(function (p) { return [p.x, v(p.value)]; }),
          symbol: "rect", symbolSize: 9, itemStyle: { color: color, opacity: 0.7 },
          label: { show: true, position: "top", fontSize: 10, color: color,
            formatter: function (q) { var point = parts[q.dataIndex]; return point ? point.when : ""; } } });
        lookup.push(parts);
        var others = g.actuals.filter(function (p) { return !p.chosen; });
        series.push({ name: who + labels.candidate, type: "scatter", data: others.map(function (p) { return [p.x, v(p.value)]; }),
          symbolSize: 8, itemStyle: { color: "#fff", borderColor: color, borderWidth: 2 } });
        lookup.push(others);
      });
      chart.setOption({
        animation: false,
        tooltip: { trigger: "item", formatter: function (p) {
          var point = lookup[p.seriesIndex] && lookup[p.seriesIndex][p.dataIndex];
          var text = p.seriesName + " " + (point ? point.when || point.year : "") + ": " + show(p.value[1]) + unit;
          if (point && point.records > 1) text += " (" + point.records + " " + labels.records + ")";
          return point && point.quote ? text + "<br>“" + point.quote.replace(/</g, "&lt;") + "”" + (point.document_name || point.document ? " " + (point.document_name || point.document) : "") : text;
        } },
        legend: { top: 0, type: "scroll" },
        grid: { left: GRID_LEFT, right: GRID_RIGHT, top: 50, bottom: 30 },
        xAxis: { type: "value", min: xMin, max: xMax, interval: 1,
          axisLabel: { formatter: function (x) { return x % step === 0 ? String(x) : ""; } } },
        yAxis: { type: "value", name: unit, scale: true },
        series: series
      });
      chart.on("click", function (p) {
        var point = lookup[p.seriesIndex] && lookup[p.seriesIndex][p.dataIndex];
        if (!point) return;
        if (point.source !== undefined) {  // an actual: its sentence in the plan it came from
          if (point.plan_id && point.record_id) window.location.href = "/plans/" + point.plan_id + "#r-" + point.record_id;
          return;
        }
        var row = document.getElementById("rec-" + point.record_id);
        if (row) { row.scrollIntoView({ block: "center" }); row.style.background = "#fff1b8"; }
      });
      el.setAttribute("data-drawn", "1");
      window.addEventListener("resize", function () { step = yearStep(); chart.resize(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
