// Behaviour shared by every page. No inline scripts in templates: pages mark elements with data-* attributes.
document.addEventListener("DOMContentLoaded", () => {
  // <select data-autosubmit> submits its form when changed (the language switch).
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // <details data-open-on-wide> is open on wide screens and folded on phones.
  if (window.matchMedia("(min-width: 992px)").matches) {
    document.querySelectorAll("details[data-open-on-wide]").forEach((details) => { details.open = true; });
  }
  // <form data-confirm="question"> asks before submitting (merge, deactivate).
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  // [data-import-status-url]: an uploaded table a worker is reading. Ask how far it got every second and a half;
  // reload when it is done (the server then renders the preview, or why the file could not be read).
  document.querySelectorAll("[data-import-status-url]").forEach((box) => {
    if (box.dataset.status !== "reading") return;
    const label = box.querySelector("[data-import-label]");
    const poll = async () => {
      try {
        const response = await fetch(box.dataset.importStatusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
        if (!response.ok) throw new Error(`status ${response.status}`);
        const status = await response.json();
        if (status.finished) { window.location.reload(); return; }
        if (label) label.textContent = status.label;
      } catch (error) {
        console.warn("import status", error);
      }
      window.setTimeout(poll, 1500);
    };
    window.setTimeout(poll, 1000);
  });
});
