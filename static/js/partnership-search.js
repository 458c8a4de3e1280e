// Progressive enhancement of the partnership search (partnerships/list.html).
// Without this script the form submits normally and every link works; with it, changing a
// filter or following a page link swaps only the results region, keeps the filter state in
// the address (so back and forward work) and announces the new count to screen readers.
(function () {
  "use strict";

  var form = document.getElementById("partnership-search");
  var results = document.getElementById("results");
  var status = document.getElementById("search-status");
  if (!form || !results || !window.fetch || !window.history.pushState || !window.URLSearchParams) {
    return;
  }

  var pending = null;

  function formUrl() {
    // Like the browser's own submission, minus empty fields and selects left at their first
    // (default) choice, so shared addresses stay short.
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled || field.value === "") {
        return;
      }
      if (field.tagName === "SELECT" && field.selectedIndex === 0) {
        return;
      }
      params.append(field.name, field.value);
    });
    var query = params.toString();
    return form.action + (query ? "?" + query : "");
  }

  function fragmentUrl(url) {
    var target = new URL(url, window.location.href);
    target.searchParams.set("fragment", "1");
    return target.toString();
  }

  function load(url, push) {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    results.setAttribute("aria-busy", "true");
    return fetch(fragmentUrl(url), {
      signal: pending.signal,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var section = holder.querySelector("[data-valid]");
        // Errors are shown next to the fields only by the full page: let the browser load it.
        if (!section || section.getAttribute("data-valid") !== "true") {
          window.location.assign(url);
          return;
        }
        results.replaceChildren.apply(results, Array.prototype.slice.call(holder.childNodes));
        if (push) {
          window.history.pushState({ partnershipSearch: true }, "", url);
        }
        var count = results.querySelector("[data-result-count]");
        if (status && count) {
          status.textContent = count.textContent.trim();
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          window.location.assign(url);
        }
      })
      .finally(function () {
        results.removeAttribute("aria-busy");
      });
  }

  form.addEventListener("change", function () {
    load(formUrl(), true);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(formUrl(), true);
  });

  results.addEventListener("click", function (event) {
    var link = event.target.closest("a.page-link");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    load(link.href, true).then(function () {
      var heading = document.getElementById("results-heading");
      if (heading) {
        // Move keyboard and screen-reader users to the top of the new page of results.
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    });
  });

  window.addEventListener("popstate", function () {
    // The form follows the address on back and forward: simplest is to reload the page,
    // which is cached by the browser and restores every field.
    window.location.reload();
  });
})();
