/* planwatch dashboard: small local script (no framework, no CDN). */
(function () {
  "use strict";

  function json(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  /* Plan reader: clicking a highlighted quantity shows its record in the side panel. */
  function setupReader() {
    var text = document.getElementById("doc-text");
    var records = json("records-data");
    if (!text || !records) return;
    var labels = json("labels-data") || {};
    var texts = json("record-texts") || {};  /* value and actual worded by the server, as every other page words them */
    var byId = {};
    records.forEach(function (r) { byId[r.id] = r; });
    var tpl = document.getElementById("record-template");
    var panel = document.getElementById("record-detail");

    function lab(kind, code) {
      return (labels[kind] && labels[kind][code]) || code || "";
    }

    function show(mark) {
      var r = byId[mark.getAttribute("data-id")];
      if (!r) return;
      text.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
      mark.classList.add("selected");
      var node = tpl.content.cloneNode(true);
      var worded = texts[r.id] || {};
      var fields = {
        indicator: r.indicator, kind_label: lab("kind", r.kind), measure_label: lab("measure", r.measure),
        value_text: worded.value_text || "—", year: r.year || "—", section: r.section || "—", quote: "“" + r.quote + "”",
        actual_text: worded.actual_text || "—"
      };
      node.querySelectorAll("[data-f]").forEach(function (el) {
        var f = el.getAttribute("data-f");
        if (f === "indicator_link") {
          if (r.indicator_id) {
            var a = document.createElement("a");
            a.href = "/indicators/" + r.indicator_id;
            a.textContent = r.indicator_name;
            el.appendChild(a);
          } else { el.textContent = r.indicator_name; }
        } else if (f === "status_badge") {
          if (r.status) {
            var b = document.createElement("span");
            b.className = "badge " + r.status;
            b.textContent = lab("status", r.status);
            el.appendChild(b);
          } else { el.textContent = "—"; }
        } else if (f === "record_link") {
          el.href = "/records/" + r.id;
        } else { el.textContent = fields[f]; }
      });
      panel.innerHTML = "";
      panel.appendChild(node);
      panel.setAttribute("data-record-id", r.id);
      if (history.replaceState) history.replaceState(null, "", "#r-" + r.id);
    }

    text.addEventListener("click", function (e) {
      var mark = e.target.closest("mark.q");
      if (mark) show(mark);
    });
    text.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && e.target.matches("mark.q")) show(e.target);
    });
    function follow() {
      /* #r-ID (also a nested quantity's) selects that record and scrolls it into view */
      var hash = location.hash.match(/^#r-(\d+)$/);
      if (!hash) return;
      var mark = document.getElementById("r-" + hash[1]);
      if (mark) { show(mark); mark.scrollIntoView({ block: "center" }); }
    }
    follow();
    window.addEventListener("hashchange", follow);
  }

  /* Inputs holding several names separated by 、 (units of a user) with a <datalist>: the browser
     suggests whole values only, so the suggestions are rewritten as "what is typed so far、name". */
  function setupSeparatedLists() {
    document.querySelectorAll("input[list][data-separated]").forEach(function (input) {
      var list = document.getElementById(input.getAttribute("list"));
      if (!list) return;
      var names = list.dataset.names ? JSON.parse(list.dataset.names)
        : Array.prototype.map.call(list.options, function (o) { return o.value; });
      list.dataset.names = JSON.stringify(names);
      function suggest() {
        var text = input.value, cut = Math.max(text.lastIndexOf("、"), text.lastIndexOf(","), text.lastIndexOf("，"));
        var prefix = cut >= 0 ? text.slice(0, cut) + "、" : "";
        var chosen = prefix.split("、").map(function (n) { return n.trim(); });
        list.textContent = "";
        names.forEach(function (name) {
          if (chosen.indexOf(name) >= 0) return;
          var option = document.createElement("option");
          option.value = prefix + name;
          list.appendChild(option);
        });
      }
      input.addEventListener("focus", suggest);
      input.addEventListener("input", suggest);
    });
  }

  /* An API error ({code, message, details}) as one line: the message, then each problem's own message
     (request validation problems are objects {loc, message, type}; the library's are strings). */
  function errorText(err) {
    var problems = (err.details && err.details.problems) || [];
    var words = problems.map(function (p) { return typeof p === "string" ? p : (p && p.message) || ""; })
      .filter(function (w) { return w && w !== err.message; });
    return [err.message].concat(words).join("：");
  }

  /* Upload: send with XMLHttpRequest to show progress, then follow to the plan. */
  function setupUpload() {
    var form = document.getElementById("upload-form");
    if (!form || !window.FormData) return;
    var bar = document.getElementById("upload-progress");
    var msg = document.getElementById("upload-message");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/plans");
      xhr.setRequestHeader("X-CSRF-Token", form.querySelector("[name=csrf_token]").value);
      xhr.upload.addEventListener("progress", function (ev) {
        if (ev.lengthComputable) { bar.hidden = false; bar.value = ev.loaded / ev.total; }
      });
      xhr.onload = function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = {}; }
        if (xhr.status >= 200 && xhr.status < 300 && body.plan) {
          location.href = "/plans/" + body.plan.id;
        } else {
          var err = body.error || { message: xhr.statusText };
          msg.className = "flash error";
          msg.textContent = errorText(err);
          msg.hidden = false;
          bar.hidden = true;
          /* a field of the form would fix it (the government the text does not name): mark it and go there; the
             file stays chosen, so the next click uploads it again */
          var name = err.details && err.details.field;
          var input = name ? form.querySelector("[name=" + name + "]") : null;
          Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) {
            el.removeAttribute("aria-invalid");
          });
          if (input) { input.setAttribute("aria-invalid", "true"); input.focus(); }
        }
      };
      xhr.onerror = function () {
        msg.className = "flash error"; msg.textContent = msg.getAttribute("data-network-error"); msg.hidden = false;
        bar.hidden = true;
      };
      bar.hidden = false; bar.value = 0; msg.hidden = true;
      xhr.send(new FormData(form));
    });
  }

  /* The user menu (a <details> in the header, which opens and closes without script): a click elsewhere or Escape
     closes it, as a menu does. */
  function setupUserMenu() {
    var menu = document.getElementById("user-menu");
    if (!menu) return;
    document.addEventListener("click", function (e) {
      if (menu.open && !menu.contains(e.target)) menu.open = false;
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && menu.open) { menu.open = false; menu.querySelector("summary").focus(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupReader();
    setupUpload();
    setupSeparatedLists();
    setupUserMenu();
  });
})();
