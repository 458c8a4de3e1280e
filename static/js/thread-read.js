/* The message thread: once the page is shown, tell the server the messages on it are read.
 *
 * Opening the thread (a GET) writes nothing; the unread marker moves by this POST, which says
 * up to when the page showed the messages (`shown_at`), so a message that arrived meanwhile
 * stays new. Without JavaScript the form's button does the same.
 */
(function () {
  "use strict";

  var form = document.getElementById("thread-read");
  if (!form || !window.fetch) {
    return;
  }
  fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    credentials: "same-origin",
    headers: { "X-Requested-With": "fetch" },
  }).then(function (response) {
    if (response.ok) {
      form.hidden = true;
    }
  }).catch(function () {
    /* The marker stays; the messages are shown as new next time. */
  });
})();
