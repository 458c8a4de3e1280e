// The progress of an export job in the admin: asks the job's status every two seconds, moves
// the progress bar and its text, and reloads the page when the job has finished so that the
// download link (or the error) shows. Without JavaScript, reloading the page does the same.
(function () {
  "use strict";

  var job = document.getElementById("export-job");
  if (!job || !job.dataset.statusUrl) return;
  var bar = document.getElementById("export-progress");
  var text = document.getElementById("export-progress-text");
  var delay = 2000;

  function show(status) {
    if (status.total > 0) {
      bar.max = status.total;
      bar.value = status.done;
      bar.textContent = Math.floor((100 * status.done) / status.total) + " %";
    }
    if (text.textContent !== status.text) text.textContent = status.text;
  }

  function poll() {
    fetch(job.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        // A lost connection or a restarting server: ask again, less often.
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
