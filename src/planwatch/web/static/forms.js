/* planwatch forms (no inline script: the CSP forbids it).
 *
 * - A refused form's message (role=alert, shown beside the form) is brought into view: a form low on a long page
 *   (the task list's bulk assignment under its unit summary) was shown again scrolled to the top, its message unseen.
 * - A button or form with data-confirm asks before it submits (closing a round, signing a task off).
 * - A report form keeps what was typed in this tab (sessionStorage) until the report is saved: a login that ended
 *   while the liaison wrote (a restart, a new password, 14 days) or a stale form no longer loses the text; the form
 *   of the same task shows it again, saying so.
 * - A text field with a maxlength and data-counter counts its characters.
 */
(function () {
  "use strict";

  var alertBox = document.querySelector("main [role=alert]");
  if (alertBox) {
    var box = alertBox.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) alertBox.scrollIntoView({ block: "center" });
  }

  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);

  /* a text field with a limit (maxlength) counts what is typed, "123 / 4000", beside its label: a report past 4,000
     characters was refused on a bare page, the form never having said there was a limit */
  document.querySelectorAll("textarea[maxlength][data-counter]").forEach(function (field) {
    var out = document.getElementById(field.getAttribute("data-counter"));
    if (!out) return;
    var max = parseInt(field.getAttribute("maxlength"), 10);
    function show() {
      out.textContent = field.value.length + " / " + max;
      out.classList.toggle("near-limit", field.value.length >= max * 0.9);
    }
    field.addEventListener("input", show);
    show();
  });

  var FIELDS = ["status", "progress", "evidence", "link"];
  var store;
  try { store = window.sessionStorage; } catch (e) { store = null; }
  if (!store) return;

  function key(form) { return "planwatch-draft:" + form.getAttribute("action"); }

  /* a saved report (…?saved=report#t-7, …?saved=request#t-7) ends the draft of its task */
  var params = new URLSearchParams(window.location.search);
  var savedTask = /^#t-(\d+)$/.exec(window.location.hash);
  if (savedTask && ["report", "request"].indexOf(params.get("saved")) >= 0) {
    store.removeItem("planwatch-draft:/tasks/" + savedTask[1] + "/updates");
  }

  document.querySelectorAll("form.report-form").forEach(function (form) {
    var typed = false;
    FIELDS.forEach(function (name) {
      var el = form.elements[name];
      if (el && (name === "evidence" || name === "link") && el.value) typed = true;
    });
    var draft = null;
    try { draft = JSON.parse(store.getItem(key(form)) || "null"); } catch (e) { draft = null; }
    if (draft && !typed && (draft.evidence || draft.link)) {
      FIELDS.forEach(function (name) {
        var el = form.elements[name];
        if (el && draft[name] !== undefined && draft[name] !== "") el.value = draft[name];
      });
      if (form.elements.evidence) form.elements.evidence.dispatchEvent(new Event("input"));  /* its counter */
      var note = document.createElement("p");
      note.className = "flash draft-restored";
      note.setAttribute("role", "status");
      note.textContent = form.getAttribute("data-draft-note") || "";
      form.parentNode.insertBefore(note, form);
      var details = form.closest("details");
      if (details) details.open = true;
    }
    form.addEventListener("input", function () {
      var data = {};
      FIELDS.forEach(function (name) { var el = form.elements[name]; data[name] = el ? el.value : ""; });
      if (data.evidence || data.link) store.setItem(key(form), JSON.stringify(data));
      else store.removeItem(key(form));
    });
  });
})();
