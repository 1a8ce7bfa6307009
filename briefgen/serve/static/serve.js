// briefgen serve: keeps the open page current from the server's events.
// Text from briefs is only ever set as text (textContent), never as markup.
"use strict";

(function () {
  const body = document.body;
  const page = body.dataset.page;
  const $ = (id) => document.getElementById(id);

  function show(element, visible) {
    if (element) element.hidden = !visible;
  }

  function fetchState(base) {
    return fetch(base + "/state.json", { cache: "no-store" }).then((r) => {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }

  // --- one brief's page ---------------------------------------------------
  function docxShown() {
    return !$("docx").hidden;
  }

  function loadDocx(good) {
    const img = $("docx-page");
    const note = $("docx-note");
    note.textContent = "Converting with LibreOffice…";
    show(note, true);
    img.src = body.dataset.base + "/libreoffice.png?v=" + good;
  }

  function applyBrief(state) {
    document.title = state.title + " · briefgen serve";
    $("title").textContent = state.title;
    body.dataset.version = state.version;
    const error = $("error");
    error.textContent = state.error || "";
    show(error, Boolean(state.error));
    const img = $("page");
    for (const sheet of [$("pdf"), $("docx")]) {
      sheet.classList.toggle("stale", Boolean(state.error) && state.good > 0); // the last good, dimmed
    }
    if (state.good > 0 && String(state.good) !== body.dataset.good) {
      body.dataset.good = state.good;
      img.src = body.dataset.base + "/page.png?v=" + state.good;
      if (docxShown()) loadDocx(state.good);
    }
    show(img, state.good > 0);
    show($("actions"), state.good > 0); // nothing to download or convert before a first page
    show($("changes-panel"), state.good > 0);
    if (state.fit !== null) $("fit").textContent = state.fit;
    const warning = $("warning");
    warning.textContent = state.warning || "";
    show(warning, Boolean(state.warning));
    const list = $("changes");
    list.replaceChildren(
      ...state.changes.map((line) => {
        const item = document.createElement("li");
        item.textContent = line;
        return item;
      })
    );
    const none = $("no-changes");
    none.textContent = state.first_edition ? none.dataset.first : none.dataset.none;
    show(none, state.changes.length === 0);
  }

  function setUpBrief() {
    const toggle = $("show-docx");
    const img = $("docx-page");
    img.addEventListener("load", () => show($("docx-note"), false));
    img.addEventListener("error", () => {
      // the answer's one line says why (no LibreOffice, a conversion that failed)
      fetch(img.src, { cache: "no-store" })
        .then((r) => r.text())
        .then((line) => {
          $("docx-note").textContent = line.trim() || "LibreOffice could not convert the DOCX";
        });
    });
    toggle.addEventListener("click", (event) => {
      event.preventDefault();
      const visible = !docxShown();
      show($("docx"), visible);
      toggle.textContent = visible ? "Hide the DOCX" : "Show the DOCX in LibreOffice";
      history.replaceState(null, "", visible ? "?docx=1" : location.pathname);
      if (visible) loadDocx(body.dataset.good);
    });
  }

  function onBrief(data) {
    const name = body.dataset.brief;
    if (!(name in data.briefs)) {
      const error = $("error");
      error.textContent = data.problem || "This brief is no longer served (its content file is gone or renamed).";
      show(error, true);
      $("pdf").classList.add("stale");
      return;
    }
    if (String(data.briefs[name]) === body.dataset.version) return;
    fetchState(body.dataset.base).then(applyBrief).catch(() => {});
  }

  // --- the list of briefs -------------------------------------------------
  function onIndex(data) {
    const rows = Array.from(document.querySelectorAll("li[data-brief]"));
    const names = rows.map((row) => row.dataset.brief).sort();
    const now = Object.keys(data.briefs).sort();
    const problem = $("problem");
    if (names.join("\n") !== now.join("\n") || Boolean(problem) !== Boolean(data.problem)) {
      location.reload(); // briefs came or went: the list is made again
      return;
    }
    for (const row of rows) {
      if (String(data.briefs[row.dataset.brief]) === row.dataset.version) continue;
      const base = row.querySelector("a").getAttribute("href");
      fetchState(base).then((state) => {
        row.dataset.version = state.version;
        row.querySelector("a").textContent = state.title;
        const status = row.querySelector(".status");
        status.textContent = state.error || state.fit || "";
        status.classList.toggle("error", Boolean(state.error));
      });
    }
  }

  // --- the event stream ---------------------------------------------------
  if (page === "brief") setUpBrief();
  const events = new EventSource("/events");
  events.addEventListener("open", () => {
    show($("offline"), false);
    $("live").classList.remove("off");
  });
  events.addEventListener("error", () => {
    show($("offline"), true);
    $("live").classList.add("off");
  });
  events.addEventListener("briefs", (event) => {
    const data = JSON.parse(event.data);
    body.dataset.generation = data.generation;
    if (page === "brief") onBrief(data);
    else onIndex(data);
  });
})();
