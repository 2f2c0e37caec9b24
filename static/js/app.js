// Behaviour shared by every page. No inline scripts in templates: pages mark elements with data-* attributes.

// A background job's page (an import a worker reads, an export it writes): ask the job's JSON status at `url`
// every second and a half and hand each answer to `show`; reload when the job has finished (the server then
// renders the result). A failed request is logged under `what` and asked again.
window.pollStatus = (url, what, show) => {
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const status = await response.json();
      if (status.finished) { window.location.reload(); return; }
      show(status);
    } catch (error) {
      console.warn(what, error);
    }
    window.setTimeout(poll, 1500);
  };
  window.setTimeout(poll, 1000);
};

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
    pollStatus(box.dataset.importStatusUrl, "import status", (status) => {
      if (label) label.textContent = status.label;
    });
  });
  // <input type="file" data-max-bytes ...> refuses a file that is too large or of a type its `accept` does not
  // list, before the form sends it (core.uploads.browser_checks writes the attributes and messages).
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach((input) => {
    input.addEventListener("change", () => {
      const max = Number(input.dataset.maxBytes);
      const accepted = (input.accept || "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
      let problem = "";
      for (const file of input.files) {
        const extension = "." + file.name.split(".").pop().toLowerCase();
        if (file.size > max) {
          problem = input.dataset.tooLarge.replace("{size}", (file.size / 1048576).toFixed(1));
        } else if (accepted.length && !accepted.includes(extension) && !accepted.includes(file.type)) {
          problem = input.dataset.wrongType.replace("{types}", accepted.filter((a) => a.startsWith(".")).join(", "));
        }
      }
      input.setCustomValidity(problem);
      let note = input.parentElement.querySelector(".file-refused");
      if (!note) {
        note = document.createElement("div");
        note.className = "invalid-feedback d-block file-refused";
        note.id = `${input.id}-refused`;
        note.setAttribute("role", "alert");
        input.insertAdjacentElement("afterend", note);
      }
      note.textContent = problem;
      input.classList.toggle("is-invalid", Boolean(problem));
      input.setAttribute("aria-invalid", problem ? "true" : "false");
      if (problem) {
        input.setAttribute("aria-describedby", note.id);
        input.value = "";  // nothing too large or of the wrong kind is ever sent
      }
    });
  });
  // A table wider than the screen scrolls inside its own box (on a phone): the box takes the keyboard focus so it
  // can be scrolled without a mouse, and is named after the table's caption or the heading above it.
  document.querySelectorAll(".table-responsive").forEach((box) => {
    if (box.scrollWidth <= box.clientWidth || box.hasAttribute("tabindex")) return;
    box.tabIndex = 0;
    const caption = box.querySelector("caption");
    let heading = box.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
    const name = (caption || heading || {}).textContent;
    if (name) {
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", name.trim());
    }
  });
  // A form the server refused: each invalid field tells screen readers so (aria-invalid, and aria-describedby
  // naming its message), the alert above the form lists the fields as links (on a phone the fields are far
  // below it), and the first one gets the focus.
  const invalid = [...document.querySelectorAll("main .is-invalid")].filter((el) => el.matches("input, select, textarea") && el.id);
  if (invalid.length) {
    const links = document.createElement("ul");
    links.className = "mb-0 mt-2 error-links";
    invalid.forEach((field) => {
      field.setAttribute("aria-invalid", "true");
      const wrapper = document.getElementById(`div_${field.id}`) || field.parentElement;
      const messages = [...wrapper.querySelectorAll(".invalid-feedback")];
      messages.forEach((message, i) => { if (!message.id) message.id = `${field.id}-error-${i}`; });
      const described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      field.setAttribute("aria-describedby", [...new Set([...described, ...messages.map((m) => m.id)])].join(" "));
      const label = document.querySelector(`label[for="${field.id}"]`);
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `#${field.id}`;
      link.className = "alert-link";
      link.textContent = (label ? label.textContent : field.name).replace("*", "").trim();
      link.addEventListener("click", (event) => { event.preventDefault(); field.focus(); });
      item.appendChild(link);
      const text = messages.map((m) => m.textContent.trim()).join(" ");
      if (text) item.append(`: ${text}`);
      links.appendChild(item);
    });
    const summary = document.querySelector("main .alert-danger[role=alert]");
    if (summary) summary.appendChild(links);
    invalid[0].focus();
  }
});
