// The progress page of a background export: asks the status endpoint every second and a half, moves the bar,
// and reloads the page when the job has finished (the server then renders the download link or the error).
// Without JavaScript a <noscript> refresh does the same.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("export-progress");
  if (!box || box.dataset.state === "done" || box.dataset.state === "failed" || box.dataset.state === "stalled") return;
  const bar = box.querySelector("[data-export-bar]");
  const state = box.querySelector("[data-export-state]");
  const done = box.querySelector("[data-export-done]");
  const total = box.querySelector("[data-export-total]");
  const format = new Intl.NumberFormat(document.documentElement.lang || "id");
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const status = await response.json();
      if (status.finished) { window.location.reload(); return; }
      bar.value = status.percent;
      bar.textContent = `${status.percent}%`;
      state.textContent = status.state_label;
      state.className = `badge export-${status.state}`;
      done.textContent = format.format(status.rows_done);
      if (status.rows_total !== null) total.textContent = format.format(status.rows_total);
    } catch (error) {
      console.warn("export status", error);
    }
    window.setTimeout(poll, 1500);
  };
  window.setTimeout(poll, 1000);
});
