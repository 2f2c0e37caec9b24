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
});
