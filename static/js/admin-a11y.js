// Names for widgets of Django's admin that assistive technology finds nameless (axe, WCAG 2.1
// 1.3.1 and 4.1.2), added where they are built, after Django's own scripts build them:
// - the autocomplete box (select2) is a combobox named only by its current choice, empty when
//   nothing is chosen, and the multiple one's search box has no name: both are also named by
//   their field's label;
// - a list's editable fields (list_editable) sit in table cells without a label: each is named
//   by its column's heading;
// - the filter boxes of a horizontal filter are named by an icon, a span with aria-label (not
//   allowed on a span without a role): the icon becomes an image with that name.
(function () {
  "use strict";

  function labelledBy(element, id) {
    var names = (element.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
    if (names.indexOf(id) === -1) element.setAttribute("aria-labelledby", [id].concat(names).join(" "));
  }

  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete[id]").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      if (!label || !container || !container.classList.contains("select2")) return;
      if (!label.id) label.id = select.id + "_label";
      container.querySelectorAll(".select2-selection, .select2-selection__rendered, .select2-search__field").forEach(function (box) {
        labelledBy(box, label.id);
      });
    });
  }

  function nameListEditables() {
    var table = document.getElementById("result_list");
    if (!table) return;
    var headings = table.querySelectorAll("thead th");
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, index) {
        var heading = headings[index];
        if (!heading) return;
        cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
          if (field.labels && field.labels.length) return;
          if (field.getAttribute("aria-label") || field.getAttribute("aria-labelledby")) return;
          if (!heading.id) heading.id = "result_list_heading_" + index;
          field.setAttribute("aria-labelledby", heading.id);
        });
      });
    });
  }

  function nameFilterIcons() {
    document.querySelectorAll(".search-label-icon[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  // Django starts select2 in a jQuery ready callback of its autocomplete.js (registered before
  // this deferred script runs, so it runs first) and on each formset:added event (its listener
  // too is on the document before this one); the horizontal filters are built on window load.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(function () {
      nameAutocompletes(document);
    });
  }
  document.addEventListener("formset:added", function (event) {
    nameAutocompletes(event.target);
  });
  document.addEventListener("DOMContentLoaded", nameListEditables);
  window.addEventListener("load", nameFilterIcons);
})();
