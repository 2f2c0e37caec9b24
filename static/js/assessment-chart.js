// The Ombudsman score of a unit by year, from <script id="assessment-data"> (json_script); the table beside it
// carries the same figures for screen readers and printing.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("assessment-data");
  const canvas = document.getElementById("assessment-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const points = JSON.parse(source.textContent);
  // The Ombudsman's own colours; dark green for grade A ("hijau tua").
  const colour = (p) => (p.zone === "red" ? "#c62828" : p.zone === "yellow" ? "#f9d71c" : p.dark ? "#1b5e20" : "#2e7d32");
  new Chart(canvas, {
    type: "line",
    data: {
      labels: points.map((p) => `${p.year}`),
      datasets: [{
        data: points.map((p) => p.percent),
        borderColor: "#0b5c73",
        pointBackgroundColor: points.map(colour),
        pointBorderColor: "#333",
        pointRadius: 7,
        pointStyle: points.map((p) => (p.zone === "red" ? "triangle" : p.zone === "yellow" ? "rectRot" : "circle")),
      }],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: false },
        tooltip: { callbacks: { label: (ctx) => { const p = points[ctx.dataIndex]; return `${p.method}: ${p.score} (${p.grade || p.zone})`; } } } },
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
    },
  });
});
