// Charts of the dashboard: each <canvas data-chart="ID"> draws the JSON of <script id="ID"> (json_script), shaped
// {type, labels, datasets: [{label, data, colors}], horizontal}. The table next to each chart has the same figures
// for screen readers and printing; a click on a bar opens the list it counts when the data carries `urls`.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Chart === "undefined") return;
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    const chart = new Chart(canvas, {
      type: spec.type || "bar",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((d) => ({
          label: d.label || "",
          data: d.data,
          backgroundColor: d.colors || "#0072B2",
          borderColor: d.colors || "#0072B2",
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: spec.horizontal ? "y" : "x",
        plugins: { legend: { display: spec.datasets.length > 1 } },
        scales: { [spec.horizontal ? "x" : "y"]: { beginAtZero: true, ticks: { precision: 0 } } },
        onClick: (_event, elements) => {
          if (spec.urls && elements.length) window.location.href = spec.urls[elements[0].index];
        },
      },
    });
    canvas.dataset.rendered = chart.data.labels.length;
  });
});
