// The IID portal export's page: while the job runs, ask for its state every two seconds and reload when it is done.
(() => {
  const box = document.getElementById("iid-export");
  if (!box || box.dataset.finished === "1") return;
  const poll = () => {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((status) => {
        if (status.finished) window.location.reload();
        else window.setTimeout(poll, 2000);
      })
      .catch(() => window.setTimeout(poll, 5000));
  };
  window.setTimeout(poll, 1000);
})();
