/* The warning before a signed-in session ends, and what is typed surviving its end.
 *
 * The server ends a session after SESSION_IDLE_TIMEOUT_MINUTES without a request and after
 * SESSION_MAX_AGE_HOURS in all (core/security.py). WCAG 2.2.1 asks for a warning and a way
 * to extend: a dialog opens two minutes before the idle limit with "Stay logged in", which
 * sends a request. Typing into a form also counts as activity (at most one request every five
 * minutes), so a long text is not lost to the idle limit.
 *
 * When the session has ended anyway, the values typed into the page's forms are kept in
 * sessionStorage (this tab only; never passwords or files) and filled in again when the person
 * comes back to the same page after logging in.
 *
 * The server may end a session before this page's clock says so (a logout in another tab, an
 * account change, the session removed): before a form is sent, the keep-alive endpoint is
 * asked whether the session still lives, and if not the text is kept as above instead of being
 * sent to a login page that would drop it. Should a form still reach the login page (the
 * session ended between the check and the send), what was sent is kept too and filled in when
 * the person arrives on the page from the login page.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("session-timeout");
  var STASH_PREFIX = "icld-stash:";
  var STASH_MAX_AGE_MS = 12 * 3600 * 1000;
  var TYPING_KEEPALIVE_MS = 5 * 60 * 1000;

  function stashableForms() {
    return Array.prototype.filter.call(document.querySelectorAll("main form"), function (form) {
      return (form.method || "").toLowerCase() === "post" && !form.hasAttribute("data-no-stash") &&
        !form.querySelector("input[type=password]");
    });
  }

  function keptField(element) {
    var skipped = ["password", "file", "hidden", "submit", "button", "reset", "image"];
    return element.name && skipped.indexOf(element.type) === -1;
  }

  // `sent`: kept as the form left; filled in only if the next page came after the login page.
  function stash(sent) {
    var forms = stashableForms().map(function (form) {
      return Array.prototype.filter.call(form.elements, keptField).map(function (element) {
        return { name: element.name, value: element.value, checked: element.checked };
      });
    });
    if (forms.some(function (fields) { return fields.length; })) {
      sessionStorage.setItem(STASH_PREFIX + location.pathname,
        JSON.stringify({ saved: Date.now(), sent: !!sent, forms: forms }));
    }
  }

  function cameFromLogin() {
    var login = dialog && dialog.dataset.login;
    try {
      return !!login && !!document.referrer &&
        new URL(document.referrer).pathname.indexOf(login) === 0;
    } catch (error) {
      return false;
    }
  }

  function restore() {
    var key = STASH_PREFIX + location.pathname;
    var kept = JSON.parse(sessionStorage.getItem(key) || "null");
    sessionStorage.removeItem(key);
    if (!kept || Date.now() - kept.saved > STASH_MAX_AGE_MS || (kept.sent && !cameFromLogin())) {
      return;
    }
    var forms = stashableForms();
    var restored = false;
    kept.forms.forEach(function (fields, index) {
      var form = forms[index];
      if (!form) {
        return;
      }
      fields.forEach(function (field) {
        Array.prototype.forEach.call(form.elements, function (element) {
          if (element.name !== field.name || !keptField(element)) {
            return;
          }
          if (element.type === "checkbox" || element.type === "radio") {
            if (element.value === field.value && element.checked !== field.checked) {
              element.checked = field.checked;
              restored = true;
            }
          } else if (element.value !== field.value) {
            element.value = field.value;
            restored = true;
          }
        });
      });
    });
    if (restored && dialog) {
      var notice = document.createElement("div");
      notice.className = "alert alert-info";
      notice.setAttribute("role", "status");
      notice.textContent = dialog.dataset.restored;
      document.getElementById("main").prepend(notice);
    }
  }

  restore();
  if (!dialog) {
    return;
  }

  var idleMs = Number(dialog.dataset.idle) * 1000;
  var leadMs = Math.min(120 * 1000, idleMs / 2);
  var absoluteEnd = Date.now() + Number(dialog.dataset.absolute) * 1000;
  var idleEnd = Date.now() + Number(dialog.dataset.idleLeft) * 1000;
  var lastRequest = Date.now();
  var ended = false;
  var keepaliveForm = dialog.querySelector("form");

  function show(state) {
    Array.prototype.forEach.call(dialog.querySelectorAll("[data-state]"), function (part) {
      part.hidden = part.dataset.state !== state;
    });
    dialog.dataset.shown = state;
    if (!dialog.open) {
      dialog.showModal();
    }
  }

  function end() {
    ended = true;
    stash();
    show("ended");
  }

  function countdown(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    Array.prototype.forEach.call(dialog.querySelectorAll("[data-countdown]"), function (el) {
      el.textContent = text;
    });
  }

  function keepAlive() {
    lastRequest = Date.now();
    return fetch(keepaliveForm.action, {
      method: "POST", body: new FormData(keepaliveForm), credentials: "same-origin",
    }).then(function (response) {
      // A session the server has ended answers with its login page (a redirect fetch follows).
      return response.ok && !response.redirected ? response.json() : { active: false };
    }).then(function (answer) {
      if (!answer.active) {
        end();
        return;
      }
      idleEnd = Date.now() + answer.idle * 1000;
      if (dialog.dataset.shown === "idle") {
        dialog.close();
        dialog.dataset.shown = "";
      }
    }, function () { /* Offline: the next tick decides. */ });
  }

  function tick() {
    if (ended) {
      return;
    }
    var now = Date.now();
    var end_ = Math.min(idleEnd, absoluteEnd);
    if (now >= end_) {
      end();
    } else if (absoluteEnd - now <= leadMs && dialog.dataset.shown !== "absolute-closed") {
      countdown(absoluteEnd - now);
      if (dialog.dataset.shown !== "absolute") {
        show("absolute");
      }
    } else if (idleEnd - now <= leadMs) {
      countdown(idleEnd - now);
      if (dialog.dataset.shown !== "idle") {
        show("idle");
      }
    }
  }

  keepaliveForm.addEventListener("submit", function (event) {
    event.preventDefault();
    keepAlive();
  });
  dialog.querySelector("[data-close]").addEventListener("click", function () {
    dialog.close();
    dialog.dataset.shown = "absolute-closed";
  });
  // Escape would hide the warning without extending the session: it means "stay".
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    if (dialog.dataset.shown === "idle") {
      keepAlive();
    } else if (dialog.dataset.shown === "absolute") {
      dialog.close();
      dialog.dataset.shown = "absolute-closed";
    }
  });
  document.addEventListener("input", function () {
    if (!ended && Date.now() - lastRequest > TYPING_KEEPALIVE_MS) {
      keepAlive();
    }
  });
  // Before a form goes, ask the server whether the session lives (a computer that slept past
  // the limit, a logout elsewhere): if not, keep what was typed instead of sending it to a
  // login page that would drop it.
  var checked = null;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form === keepaliveForm || ended) {
      if (ended) {
        event.preventDefault();
      }
      return;
    }
    if (Date.now() >= Math.min(idleEnd, absoluteEnd)) {
      event.preventDefault();
      end();
      return;
    }
    if (checked === form) {
      checked = null;
      if (stashableForms().indexOf(form) !== -1) {
        stash(true);
      }
      return;
    }
    event.preventDefault();
    var submitter = event.submitter;
    keepAlive().then(function () {
      if (!ended) {
        checked = form;
        form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      }
    });
  }, true);
  setInterval(tick, 1000);
})();
