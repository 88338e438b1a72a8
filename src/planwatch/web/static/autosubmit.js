/* Submit a filter form when one of its <select data-autosubmit> changes (no inline handlers: the CSP forbids them). */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });
})();
