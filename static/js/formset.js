// Rows of a Django formset added and removed in the page, without a reload.
// Without JavaScript the "add" button submits the form and the server adds a row.
(function () {
  "use strict";

  function renumber(container) {
    container.querySelectorAll(".formset-row").forEach(function (row, index) {
      var number = row.querySelector(".formset-number");
      if (number) number.textContent = String(index + 1);
    });
  }

  function enhanceRemove(row) {
    var checkbox = row.querySelector('input[type="checkbox"][name$="-DELETE"]');
    if (!checkbox) return;
    var wrapper = checkbox.closest(".form-check");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-outline-danger align-self-start";
    button.textContent = wrapper.querySelector("label").textContent;
    button.addEventListener("click", function () {
      checkbox.checked = true;
      row.hidden = true;
      // Whatever listens for changes of the form (the team step's live findings) hears it.
      checkbox.dispatchEvent(new Event("change", { bubbles: true }));
      var status = document.getElementById("formset-status");
      if (status) status.textContent = button.textContent;
    });
    wrapper.hidden = true;
    wrapper.after(button);
  }

  document.querySelectorAll("[data-formset-prefix]").forEach(function (container) {
    var prefix = container.dataset.formsetPrefix;
    var total = container.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var template = container.querySelector("template.formset-empty");
    var rows = container.querySelector(".formset-rows");
    var add = container.querySelector(".formset-add");
    rows.querySelectorAll(".formset-row").forEach(enhanceRemove);

    add.addEventListener("click", function (event) {
      event.preventDefault();
      var index = Number(total.value);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var row = rows.lastElementChild;
      enhanceRemove(row);
      renumber(rows);
      var first = row.querySelector("input, select, textarea");
      if (first) first.focus();
    });
  });

  var status = document.createElement("p");
  status.id = "formset-status";
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);
})();
