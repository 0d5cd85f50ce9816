// evlog serve: the little script its pages use. Plain JavaScript, nothing from the network.
"use strict";
(function () {
  const body = document.body;
  const post = (url) => fetch(url, { method: "POST", credentials: "same-origin" });

  // The plan list: its page's rows re-rendered by the server, asked for again two seconds after each answer
  // (never while one is awaited), later when an answer was slow, and only while the tab is shown.
  const rows = document.getElementById("plan-rows");
  if (rows) {
    const refresh = async () => {
      if (document.hidden) { document.addEventListener("visibilitychange", refresh, { once: true }); return; }
      const started = Date.now();
      try {
        const response = await fetch(`/?rows=1&page=${rows.dataset.page || 1}`, { credentials: "same-origin" });
        if (response.ok) rows.innerHTML = await response.text();
      } catch (error) { /* the server is gone or restarting: asked again later */ }
      setTimeout(refresh, Math.min(60000, Math.max(2000, 4 * (Date.now() - started))));
    };
    setTimeout(refresh, 2000);
  }

  // Action buttons (resume, cancel, remove): POST, then show the answer or follow the plan.
  document.querySelectorAll("button[data-post]").forEach((button) => {
    button.addEventListener("click", async () => {
      const response = await post(button.dataset.post);
      if (!response.ok) { alert(await response.text()); return; }
      location.href = button.dataset.then || location.pathname;
    });
  });

  // Timestamps on demand.
  const stamps = document.getElementById("timestamps");
  if (stamps) {
    stamps.addEventListener("change", () => {
      document.querySelectorAll("pre.out .l[data-t]").forEach((line) => {
        if (!line.dataset.ts) line.dataset.ts = new Date(Number(line.dataset.t) / 1000).toISOString();
      });
      body.classList.toggle("ts", stamps.checked);
    });
  }

  const plan = body.dataset.plan;
  const base = body.dataset.base;
  if (!plan || !base) return;

  // The step groups by step, looked up once: a plan of 20,000 steps is not searched per event.
  const boxes = new Map();
  document.querySelectorAll("details.step[data-step]").forEach((box) => boxes.set(box.dataset.step, box));
  const stepBox = (step) => {
    let box = boxes.get(step);
    if (!box) {
      box = document.createElement("details");
      box.className = "step"; box.dataset.step = step; box.open = true;
      const summary = document.createElement("summary");
      const code = document.createElement("code"); code.textContent = step;
      const status = document.createElement("span"); status.className = "status running"; status.textContent = "running";
      summary.append(code, " ", status);
      const pre = document.createElement("pre"); pre.className = "out";
      box.append(summary, pre);
      document.getElementById("steps").append(box);
      boxes.set(step, box);
    }
    return box;
  };
  const line = (html, seq, time, partial, index) => {
    const span = document.createElement("span");
    span.className = partial ? "l partial" : "l";
    span.innerHTML = html; // rendered and escaped by the server
    span.dataset.t = time;
    if (!partial) span.id = `e${seq}.${index}`;
    return span;
  };
  // A click on a line makes the address its permalink (#e<event>.<line>).
  document.addEventListener("click", (click) => {
    const target = click.target.closest && click.target.closest("pre.out .l[id]");
    if (target && !String(window.getSelection())) history.replaceState(null, "", "#" + target.id);
  });
  // A permalink to a line this page does not hold (it is before the page's window): the page drawn up to
  // that line, which holds it.
  const anchor = /^#e(\d+)\.(\d+)$/.exec(location.hash);
  const at = anchor && `${anchor[1]}.${anchor[2]}`;
  if (anchor && !document.getElementById(location.hash.slice(1)) && new URLSearchParams(location.search).get("at") !== at) {
    location.replace(`${base}?at=${at}${location.hash}`);
    return;
  }
  const setStatus = (step, status) => {
    const box = stepBox(step);
    const label = box.querySelector(".status");
    if (label) { label.textContent = status; label.className = "status " + status; }
    if (status === "running" || status === "failed") box.open = true;
  };

  // The lines on the page and their characters, by step (`keepWindow` below).
  const counts = new Map();
  let chars = 0;
  document.querySelectorAll("pre.out").forEach((pre) => {
    const lines = pre.querySelectorAll(".l");
    counts.set(pre, lines.length);
    lines.forEach((shown) => { chars += shown.textContent.length; });
  });
  // Every line added or removed goes through these, so the counts stay those of the page.
  const add = (pre, made, before = null) => {
    pre.insertBefore(made, before);
    counts.set(pre, (counts.get(pre) || 0) + 1);
    chars += made.textContent.length;
  };
  const remove = (pre, shown) => {
    counts.set(pre, counts.get(pre) - 1);
    chars -= shown.textContent.length;
    shown.remove();
  };
  // Earlier output, on demand: each step's lines before the oldest shown.
  const earlier = document.getElementById("earlier");
  if (earlier) {
    earlier.addEventListener("click", async () => {
      const response = await fetch(`${base}/output?before=${earlier.dataset.before}`, { credentials: "same-origin" });
      if (!response.ok) { alert(await response.text()); return; }
      const older = await response.json();
      for (const part of older.steps) {
        const pre = stepBox(part.step).querySelector("pre.out");
        const first = pre.querySelector(".l");
        const items = part.lines.slice();
        // A line that goes on in the first line shown is its start: drawn inside it, before the bytes
        // that line's note said it left out (now the gap between the two parts, or nothing).
        const start = items.length && items[items.length - 1].continues && first ? items.pop() : null;
        if (start) {
          const lead = first.firstElementChild;
          const note = lead && lead.classList.contains("cut") ? lead : null;
          if (note && Number(note.dataset.bytes) > 0) note.textContent = `… ${note.dataset.bytes} bytes not shown here … `;
          else if (note) note.remove();
          chars -= first.textContent.length;
          first.insertAdjacentHTML("afterbegin", start.html);
          chars += first.textContent.length;
        }
        const lines = items.map((item) => line(item.html, item.seq, item.time_us, false, item.index));
        for (const made of lines) add(pre, made, first);
      }
      if (older.before) earlier.dataset.before = older.before; else earlier.remove();
    });
  }

  if (body.dataset.live !== "true") return;
  // While it follows a plan, the page keeps a window of the output, as the server drew it (serve16 #9: a
  // followed plan's lines were only ever added): at most `keptLines` lines per step and `keptChars` characters
  // of lines in all. The oldest lines go first (the followed step's, then the others'); a step that lost lines
  // says so at its top, with a link to its raw output, and "earlier output" is gone (the page no longer ends
  // where its cursor starts).
  const dropOldest = (pre) => {
    const oldest = pre.querySelector(".l:not(.partial)");
    if (!oldest) return false;
    remove(pre, oldest);
    if (!pre.querySelector(".dropped")) {
      const box = pre.closest("details.step");
      const note = document.createElement("span");
      note.className = "dropped";
      const raw = document.createElement("a");
      raw.href = `${base}/steps/${encodeURIComponent(box.dataset.step)}/output`;
      raw.textContent = "raw output";
      note.append("… earlier lines are in the step's ", raw, " (this page keeps the last ones while it follows)");
      pre.prepend(note);
      if (earlier) earlier.remove();
    }
    return true;
  };
  const keptLines = Number(body.dataset.keptLines), keptChars = Number(body.dataset.keptChars);
  const keepWindow = (followed) => {
    while (counts.get(followed) > keptLines && dropOldest(followed));
    if (chars <= keptChars) return;
    while (chars > keptChars && counts.get(followed) > 1 && dropOldest(followed));
    for (const pre of document.querySelectorAll("pre.out")) {
      while (chars > keptChars && pre !== followed && dropOldest(pre));
    }
  };
  const source = new EventSource(`${base}/events?after=${body.dataset.after}`);
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    switch (event.type) {
      case "output_chunk": {
        const pre = stepBox(event.step).querySelector("pre.out");
        const follow = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
        pre.querySelectorAll(".partial").forEach((old) => remove(pre, old));
        event.lines.forEach((html, index) => add(pre, line(html, event.seq, event.time_us, false, index)));
        if (event.partial) add(pre, line(event.partial, event.seq, event.time_us, true));
        keepWindow(pre);
        if (follow) pre.scrollTop = pre.scrollHeight;
        break;
      }
      case "step_started": setStatus(event.step, "running"); break;
      case "step_done": setStatus(event.step, "done"); break;
      case "step_failed": setStatus(event.step, "failed"); break;
      case "step_skipped": setStatus(event.step, "skipped"); break;
      case "failure_analysed": {
        const kind = document.createElement("span");
        kind.className = "failed"; kind.textContent = " why: " + event.diagnosis.kind;
        stepBox(event.step).querySelector("summary").append(kind);
        break;
      }
      case "plan_done": case "plan_failed": case "plan_cancelled": case "plan_interrupted": case "plan_paused":
        document.getElementById("plan-status").textContent = event.type.slice(5);
        break;
    }
  };
  // The server ends the stream when the plan's writer is gone: the page is drawn again, whole.
  source.addEventListener("end", () => { source.close(); location.reload(); });
})();
