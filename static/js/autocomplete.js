// <select data-autocomplete-url="..."> becomes a Tom Select searching that JSON endpoint as the person types
// (core/autocomplete.py). The page carries only the chosen option; without JavaScript the select still works.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof TomSelect === "undefined") return;
  document.querySelectorAll("select[data-autocomplete-url]").forEach((select) => {
    const url = new URL(select.dataset.autocompleteUrl, window.location.href);
    const empty = select.querySelector("option[value='']");
    new TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: [],  // the server has searched already: show its answer as it is
      maxOptions: 20,
      allowEmptyOption: true,
      placeholder: empty ? empty.textContent : "",
      preload: "focus",
      loadThrottle: 250,
      load(query, callback) {
        url.searchParams.set("q", query);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then((response) => (response.ok ? response.json() : { results: [] }))
          .then((data) => { this.clearOptions(); callback(data.results); })
          .catch(() => callback());
      },
      render: {
        no_results: () => `<div class="no-results">${select.dataset.autocompleteNone || "—"}</div>`,
      },
    });
    // Tom Select moves the label to its own search box and keeps the original select only to send the form:
    // screen readers should meet the labelled box once, not a second, nameless select.
    select.setAttribute("aria-hidden", "true");
  });
});
