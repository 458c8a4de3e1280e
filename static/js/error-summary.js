// The error summary (core/templatetags/error_summary.py): focus moves to it when the page comes
// back with errors, and each of its links moves focus to the field or row it names, its label
// in view (the GOV.UK behaviour; without JavaScript the links still jump to the field).
(function () {
  "use strict";

  var summary = document.querySelector('[data-error-summary="focus"]');
  if (summary) summary.focus();

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    var label = document.querySelector('label[for="' + target.id + '"]');
    var legend = target.closest("fieldset") && target.closest("fieldset").querySelector("legend");
    (label || legend || target).scrollIntoView();
    if (!target.matches("input, select, textarea, button, a[href]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
  });
})();
