/* Filter forms that apply a choice at once: <select data-autosubmit>, or every select of <form data-autosubmit>
 * (no inline handlers: the CSP forbids them).
 *
 * A choice made with the mouse or a finger (the list opened, an option picked) submits the form. Stepping through
 * the options with the keyboard (arrows, Home/End, Page Up/Down, typing a letter) does not: a keyboard user moves to
 * the option wanted, then presses Enter (or the form's 查看/筛选 button). Before, the first arrow key loaded the next
 * plan's page and left the focus at the top (WCAG 3.2.2, On Input). After a submission the page that comes back puts
 * the focus on the same control again (sessionStorage), so the next choice is one key away.
 */
(function () {
  "use strict";

  var FOCUS = "planwatch-focus";
  var store;
  try { store = window.sessionStorage; } catch (e) { store = null; }

  function applies(el) {
    return !!(el && el.matches && el.form && el.matches("select[data-autosubmit], form[data-autosubmit] select"));
  }

  function steps(key) {  /* keys that move through a closed select's options */
    return key.length === 1 || /^(Arrow|Page|Home$|End$)/.test(key);
  }

  function submit(select) {
    if (store) {
      store.setItem(FOCUS, JSON.stringify({ path: new URL(select.form.action, location.href).pathname,
                                            form: select.form.id || "", name: select.name }));
    }
    select.form.submit();
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!applies(target) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Enter") {
      event.preventDefault();
      submit(target);
    } else if (steps(event.key)) {
      target.setAttribute("data-keyed", "true");  /* the change this key makes waits for Enter */
    }
  }, true);

  document.addEventListener("keyup", function (event) {
    if (applies(event.target)) event.target.removeAttribute("data-keyed");
  }, true);

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!applies(target)) return;
    if (target.hasAttribute("data-keyed")) return;
    submit(target);
  });

  if (!store) return;
  var wanted = store.getItem(FOCUS);
  store.removeItem(FOCUS);
  if (!wanted) return;
  try { wanted = JSON.parse(wanted); } catch (e) { return; }
  if (!wanted || wanted.path !== location.pathname) return;
  var scope = wanted.form ? document.getElementById(wanted.form) : document;
  var select = scope && Array.prototype.find.call(scope.querySelectorAll("select"), function (s) {
    return s.name === wanted.name && applies(s);
  });
  if (select) select.focus();
})();
