// The progress page of a background export: moves the bar at each answer of the status endpoint (pollStatus in
// app.js, which reloads the page when the job has finished: the server then renders the download link or the
// error). Without JavaScript a <noscript> refresh does the same.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("export-progress");
  if (!box || box.dataset.state === "done" || box.dataset.state === "failed" || box.dataset.state === "stalled") return;
  const bar = box.querySelector("[data-export-bar]");
  const state = box.querySelector("[data-export-state]");
  const done = box.querySelector("[data-export-done]");
  const total = box.querySelector("[data-export-total]");
  const format = new Intl.NumberFormat(document.documentElement.lang || "id");
  pollStatus(box.dataset.statusUrl, "export status", (status) => {
    bar.value = status.percent;
    bar.textContent = `${status.percent}%`;
    state.textContent = status.state_label;
    state.className = `badge export-${status.state}`;
    done.textContent = format.format(status.rows_done);
    if (status.rows_total !== null) total.textContent = format.format(status.rows_total);
  });
});
