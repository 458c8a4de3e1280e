// A step of a form with changes not yet saved asks before one of the page's links leads away
// (the stepper, "My cases"…): the link's page would drop what was typed. The question is the
// form's data-warn-unsaved attribute, in the page's language. Saving (submitting) asks nothing.
(function () {
  "use strict";

  var changed = null;
  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    var mark = function () { changed = form; };
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("submit", function () { changed = null; });
  });

  document.addEventListener("click", function (event) {
    if (!changed) return;
    var link = event.target.closest("a[href]");
    if (!link || link.target === "_blank" || link.hasAttribute("download")) return;
    // The session-timeout dialog keeps what is typed itself (session-timeout.js).
    if (link.closest("[data-keeps-typed]")) return;
    // A link within the page (the error summary's, the skip link) keeps what is typed.
    if (link.pathname === window.location.pathname && link.search === window.location.search &&
        link.hash) return;
    if (window.confirm(changed.dataset.warnUnsaved)) {
      changed = null;
    } else {
      event.preventDefault();
    }
  });
})();
