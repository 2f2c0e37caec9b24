// Word counts under every textarea that carries data-word-limit (and data-word-minimum), updated as one types.
document.addEventListener("DOMContentLoaded", () => {
  const words = (text) => (text.trim() ? text.trim().split(/\s+/).length : 0);
  document.querySelectorAll("textarea[data-word-limit]").forEach((area) => {
    const limit = Number(area.dataset.wordLimit);
    const minimum = Number(area.dataset.wordMinimum || 0);
    const counter = document.createElement("div");
    counter.className = "word-count";
    counter.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    const template = document.documentElement.lang === "en" ? "{n} / {max} words" : "{n} / {max} kata";
    const update = () => {
      const n = words(area.value);
      counter.textContent = template.replace("{n}", n).replace("{max}", limit);
      counter.classList.toggle("over", n > limit || (minimum > 0 && n > 0 && n < minimum));
    };
    area.addEventListener("input", update);
    update();
  });
});
