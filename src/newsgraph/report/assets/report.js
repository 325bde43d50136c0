/* newsgraph report: builds the page from the JSON embedded in it.
 *
 * Article text and labels are untrusted: every string goes into the DOM as a
 * text node or an attribute value, never through innerHTML. Links are only
 * built to Wikidata (from a checked QID) and to http(s) article URLs.
 */
(function () {
  const D = JSON.parse(document.getElementById("report-data").textContent);
  const E = D.entities, S = D.statements, V = D.events, F = D.figures, M = D.mentions;
  const R = Object.fromEntries(D.relations.map((r) => [r.id, r]));
  const A = Object.fromEntries(D.articles.map((a) => [a.id, a]));
  const registry = new Map();  // item id -> elements that show it (for highlighting)
  let active = [];

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "onclick") el.addEventListener("click", v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }
  function remember(id, el) {
    if (!registry.has(id)) registry.set(id, []);
    registry.get(id).push(el);
  }
  const label = (id) => (E[id] ? E[id].label : "unknown source");
  const names = (ids) => (ids || []).map(label).join(", ");
  const conf = (c) => (c === null || c === undefined ? "" : Number(c).toFixed(2));
  const articleName = (id) => (A[id] ? A[id].title || A[id].identifier || id : "");
  const typeClass = (t) => (["Accusation", "Denial", "Appeal", "Support", "Demand", "Criticism",
    "Threat", "Claim", "Announcement", "Report"].includes(t) ? "t-" + t : "t-other");
  const relClass = (p) => (["supports", "controls", "mediates", "mediator", "affiliatedWith",
    "parentOrganization", "party", "legallyPartOf", "disputedTerritory"].includes(p) ? "r-" + p : "r-other");
  const kindClass = (k) => "k-" + (["Person", "Country", "Organization", "MediationGroup", "Group",
    "Place", "Conflict"].includes(k) ? k : "Other");

  function wikidata(id) {
    const e = E[id];
    if (!e || !/^Q[1-9][0-9]*$/.test(e.qid || "")) return null;
    return h("a", { class: "wd", href: "https://www.wikidata.org/wiki/" + e.qid, target: "_blank",
      rel: "noopener noreferrer", "aria-label": `${e.label} on Wikidata (${e.qid})` }, e.qid);
  }
  function stmtSummary(s) {
    let text = `${s.typeLabel} by ${names(s.speakers)}`;
    if (s.targets.length) text += ` against ${names(s.targets)}`;
    return text + (s.confidence !== null ? ` (confidence ${conf(s.confidence)})` : "");
  }
  const stmtTip = (s) => stmtSummary(s) +
    (s.figures.length ? "; figures: " + s.figures.map((f) => figureSummary(F[f])).join(", ") : "");
  const figureSummary = (f) => `${f.value} ${f.victims} ${f.casualtyType}`;
  const eventSummary = (v) => `${v.typeLabel} “${v.trigger || ""}”${v.date ? " on " + v.date : ""}`;
  function summary(id) {
    if (S[id]) return stmtSummary(S[id]);
    if (V[id]) return "Event: " + eventSummary(V[id]);
    if (F[id]) return "Casualty figure: " + figureSummary(F[id]);
    if (M[id]) return "Mention of " + names(M[id].entities);
    if (R[id]) return `${label(R[id].subject)} ${R[id].predicateLabel} ${label(R[id].object)}`;
    if (E[id]) return `${E[id].label} (${E[id].kind})`;
    return id;
  }

  /* ---- the details panel ---- */
  function ref(id, text) {
    return h("button", { type: "button", class: "ref", onclick: () => show([id], true) }, text || summary(id));
  }
  const refs = (ids, text) => (ids || []).map((id) => h("span", { class: "sep" }, ref(id, text && text(id))));
  function card(title, cls, rows, extra) {
    const dl = h("dl");
    for (const [name, value] of rows) {
      const empty = value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length);
      if (!empty) dl.append(h("dt", null, name), h("dd", null, value));
    }
    return h("section", { class: "card " + (cls || "") }, h("h3", null, title), dl, extra || []);
  }
  const quote = (text) => (text ? h("blockquote", null, text) : null);
  const iri = (value) => (value ? h("p", { class: "iri" }, value) : null);
  function evidenceRows(x) {
    return [["Confidence", conf(x.confidence)], ["Article", x.article ? articleName(x.article) : ""]];
  }
  function statementCard(s) {
    const answers = [["Refutes", refs(s.refutes)], ["Corroborates", refs(s.corroborates)],
      ["Refuted by", refs(s.refutedBy)], ["Corroborated by", refs(s.corroboratedBy)]];
    return card([h("span", { class: "badge " + typeClass(s.type) }, s.typeLabel), "Statement"], typeClass(s.type), [
      ["Speaker", refs(s.speakers, label)], ["Type", s.typeLabel], ["Target", refs(s.targets, label)],
      ["Cue", s.cue], ["Quote", s.quote ? `“${s.quote}”` : ""], ["About", refs(s.about)],
      ["Figures", refs(s.figures, (id) => figureSummary(F[id]))], ["Via", refs(s.via, label)],
      ...answers, ...evidenceRows(s)], [quote(s.evidence), iri(s.iri)]);
  }
  function eventCard(v) {
    return card(["Event: ", v.typeLabel], "", [["Trigger", v.trigger], ["Date", v.date],
      ["When", v.timeExpression], ["Agents", refs(v.agents, label)],
      ["Participants", refs(v.participants, label)], ["Affected", refs(v.affected, label)],
      ["Places", refs(v.places, label)], ["Part of", refs(v.partOf, label)], ...evidenceRows(v)],
    [quote(v.evidence), iri(v.iri)]);
  }
  function figureCard(f) {
    return card(["Casualty figure: ", figureSummary(f)], "", [["Number", f.value],
      ["Casualties", f.casualtyType], ["Victims", f.victims], ["Places", refs(f.places, label)],
      ["Source", f.sources.length ? refs(f.sources, label) : "not stated"],
      ["Reported in", refs(f.reportedBy)], ...evidenceRows(f)], [quote(f.evidence), iri(f.iri)]);
  }
  function entityCard(e) {
    const made = Object.values(S).filter((s) => s.speakers.includes(e.id)).map((s) => s.id);
    const aimed = Object.values(S).filter((s) => s.targets.includes(e.id)).map((s) => s.id);
    const rels = D.relations.filter((r) => r.subject === e.id || r.object === e.id).map((r) => r.id);
    return card([e.label, h("span", { class: "meta" }, e.kind)], kindClass(e.kind), [
      ["Wikidata", wikidata(e.id) || "not linked"], ["Also called", e.alt.join("; ")],
      ["Affiliated with", refs(e.affiliatedWith, label)], ["Mentions", String(e.mentions.length)],
      ["Statements", refs(made)], ["Targeted by", refs(aimed)], ["Relations", refs(rels)],
      ["Confidence", conf(e.confidence)]], [iri(e.iri)]);
  }
  function relationCard(r) {
    return card(["Relation: ", r.predicateLabel], relClass(r.predicate), [["Subject", ref(r.subject, label(r.subject))],
      ["Relation", r.predicateLabel], ["Object", ref(r.object, label(r.object))], ...evidenceRows(r)],
    [quote(r.evidence)]);
  }
  function cardFor(id) {
    if (S[id]) return statementCard(S[id]);
    if (V[id]) return eventCard(V[id]);
    if (F[id]) return figureCard(F[id]);
    if (E[id]) return entityCard(E[id]);
    if (R[id]) return relationCard(R[id]);
    if (M[id]) return M[id].entities.map((e) => entityCard(E[e]));
    return null;
  }
  function highlight(ids) {
    for (const el of active) el.classList.remove("active");
    active = [];
    for (const id of ids) {
      const targets = [...(registry.get(id) || [])];
      const nodesOf = (e) => (registry.get(e) || []).filter((x) => x.classList.contains("node"));
      if (M[id]) for (const e of M[id].entities) targets.push(...nodesOf(e));
      for (const el of targets) { el.classList.add("active"); active.push(el); }
    }
    document.querySelectorAll("#network .edge").forEach((g) => {
      const touches = ids.some((id) => g.dataset.ref === id || g.dataset.source === id || g.dataset.target === id);
      g.classList.toggle("active", touches);
    });
  }
  /* Show the cards of `ids` (innermost first); `scroll` brings the first one's text into view. */
  function show(ids, scroll) {
    const body = document.getElementById("details-body");
    body.replaceChildren(...ids.flatMap((id) => cardFor(id) || []));
    highlight(ids);
    if (scroll) {
      const inText = ids.flatMap((id) => registry.get(id) || []).find((el) => el.closest(".article-text"));
      if (inText) {
        const det = inText.closest("details");
        if (det) det.open = true;
        inText.scrollIntoView({ block: "center" });
      }
    }
  }

  /* ---- articles ---- */
  function markLink(text, ids, stmts) {
    const first = ids[0];
    let cls = "mark";
    if (M[first]) cls += " mention " + kindClass(E[M[first].entities[0]].kind);
    else if (F[first]) cls += " figure";
    else cls += " event";
    const tip = ids.map(summary).join("\n");
    const a = h("a", { href: "#details", class: cls, "data-items": ids.join(" "), title: tip,
      "aria-label": `${text}: ${tip}` }, text);
    a.addEventListener("click", (ev) => { ev.preventDefault(); show([...ids, ...stmts]); });
    ids.forEach((id) => remember(id, a));
    return a;
  }
  function renderArticle(a, index, count) {
    const started = new Set();
    const text = h("div", { class: "article-text", id: "text-" + a.id });
    for (const [piece, stmts, marks] of a.segments) {
      const content = marks.length ? markLink(piece, marks, stmts) : piece;
      if (!stmts.length) { text.append(content); continue; }
      const s0 = S[stmts[0]];
      const span = h("span", { class: `stmt ${typeClass(s0.type)}${stmts.length > 1 ? " multi" : ""}`,
        "data-statements": stmts.join(" "), title: stmts.map((id) => stmtTip(S[id])).join("\n") });
      for (const id of stmts.filter((x) => !started.has(x)).reverse()) {
        started.add(id);
        const s = S[id];
        span.append(h("button", { type: "button", class: "badge " + typeClass(s.type),
          "data-statement": id, "data-iri": s.iri,
          "aria-label": stmtSummary(s) + ": show details", onclick: (ev) => { ev.stopPropagation(); show([id]); } },
        s.typeLabel));
      }
      span.append(content);
      span.addEventListener("click", (ev) => { if (!ev.target.closest("a,button")) show(stmts); });
      stmts.forEach((id) => remember(id, span));
      text.append(span);
    }
    const meta = [a.date, a.publisher, a.title ? a.identifier : null].filter(Boolean).join(" · ");
    const url = a.url && /^https?:\/\//.test(a.url)
      ? h("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, "source") : null;
    const head = h("summary", null, h("h3", null, a.title || a.identifier || a.id));
    return h("details", { class: "article", open: count <= 3 || index === 0 },
      head, h("p", { class: "meta" }, meta, url ? " · " : "", url), text);
  }

  /* ---- legends, network ---- */
  function legend(box, items) {
    box.replaceChildren(...items.map(([cls, swatch, text]) =>
      h("span", { class: cls }, h("i", { class: "swatch " + swatch }), text)));
  }
  /* One drawing per group (a conflict, or an article about none), chosen in a select;
   * actors of the group with no edge are listed under the drawing, not piled into it. */
  function renderNetwork() {
    const net = D.network;
    const box = document.getElementById("network");
    const select = document.getElementById("network-filter");
    const nodes = [];
    const edgeClass = (e) => (e.kind === "statement" ? typeClass(e.type) : relClass(e.type));
    const edgeTitle = (e) => (e.kind === "statement"
      ? `${label(e.source)} → ${label(e.target)}: ${S[e.ref].typeLabel}` +
      (e.how === "target" ? "" : ` (${e.how} a statement of ${label(e.target)})`) : summary(e.ref));
    const makeNode = (n) => {
      const e = E[n.entity];
      const el = h("div", { class: "node " + kindClass(e.kind), "data-kind": n.kind, "data-entity": e.id,
        "data-iri": e.iri }, h("button", { type: "button", "aria-label": `${e.label} (${e.kind}): show details`,
        onclick: () => show([e.id]) }, e.label), wikidata(e.id));
      remember(e.id, el);
      nodes.push(el);
      return el;
    };
    const kindOf = Object.fromEntries(net.nodes.map((n) => [n.entity, n.kind]));
    const chip = (id) => {
      const el = h("button", { type: "button", class: "chip " + kindClass(E[id].kind), "data-entity": id,
        "data-iri": E[id].iri, "aria-label": `${E[id].label} (${E[id].kind}): show details`,
        onclick: () => show([id]) }, E[id].label);
      remember(id, el);
      nodes.push(el);
      return el;
    };
    const redraw = () => {
      for (const el of nodes) {
        registry.set(el.dataset.entity, (registry.get(el.dataset.entity) || []).filter((x) => x !== el));
      }
      nodes.length = 0;
      const group = net.groups.find((g) => g.id === select.value) || net.groups[0];
      const part = group ? { nodes: group.nodes.map((k) => ({ entity: k, kind: kindOf[k] || "context" })),
        edges: group.edges.map((i) => net.edges[i]) } : { nodes: [], edges: [] };
      NGNetwork.draw(box, part, { makeNode, edgeClass, edgeTitle, onEdge: (e) => show([e.ref]) });
      const loose = group ? group.loose : [];
      document.getElementById("network-loose").replaceChildren(...(loose.length
        ? [h("span", { class: "hint" }, "Also mentioned, with no statement or relation drawn: "), ...loose.map(chip)]
        : []));
    };
    select.replaceChildren(...net.groups.map((g) => h("option", { value: g.id },
      `${g.label} (${g.articles.length} article${g.articles.length === 1 ? "" : "s"}, ` +
      `${g.nodes.length + g.loose.length} actors)`)));
    select.closest("label").hidden = net.groups.length < 2;
    select.addEventListener("change", redraw);
    redraw();
    let timer = null, width = window.innerWidth;
    window.addEventListener("resize", () => {
      if (window.innerWidth === width) return;  // a phone's toolbar changing the height
      width = window.innerWidth;
      clearTimeout(timer); timer = setTimeout(redraw, 200);
    });
    const types = [...new Set(net.edges.map((e) => e.kind + ":" + e.type))].sort();
    const kinds = [...new Set(net.nodes.map((n) => E[n.entity].kind))];
    legend(document.getElementById("legend-network"), [
      ...kinds.map((k) => [kindClass(k), "box", k]),
      ...types.map((t) => { const [kind, type] = t.split(":");
        return kind === "statement" ? [typeClass(type), "line", S[net.edges.find((e) => e.type === type).ref].typeLabel]
          : [relClass(type), "line dashed", R[net.edges.find((e) => e.type === type).ref].predicateLabel]; })]);
  }

  /* ---- tables ---- */
  function table(caption, head, bodies) {
    const t = h("table", null, caption ? h("caption", null, caption) : null,
      h("thead", null, h("tr", null, head.map((x) => h("th", { scope: "col" }, x)))));
    for (const rows of bodies) t.append(h("tbody", null, rows));
    return h("div", { class: "table-wrap" }, t);
  }
  const cut = (text, n) => (text && text.length > n ? text.slice(0, n - 1) + "…" : text || "");
  const evidenceButton = (id, text) => h("button", { type: "button", class: "link",
    onclick: () => show([id], true), "aria-label": "Show in the text: " + summary(id),
    title: text && text.length > 100 ? text : null }, cut(text, 100) || "show");
  const td = (value, cls) => h("td", cls ? { class: cls } : null, value);
  const rowHead = (value) => h("th", { scope: "row" }, value);
  const place = (id, content) => document.getElementById(id).replaceChildren(content);
  const made = (id) => Object.values(S).filter((s) => s.speakers.includes(id)).length;
  const aimed = (id) => Object.values(S).filter((s) => s.targets.includes(id)).length;

  function actorTable() {
    const actors = D.network.nodes.filter((n) => n.kind === "actor").map((n) => E[n.entity]);
    const rows = actors.map((e) => h("tr", null, rowHead(ref(e.id, e.label)), td(e.kind),
      td(wikidata(e.id)), td(e.mentions.length, "num"), td(made(e.id), "num"), td(aimed(e.id), "num")));
    return table(null, ["Actor", "Kind", "Wikidata", "Mentions", "Statements", "Targeted by"], [rows]);
  }
  /* One fold per speaker (open when the report is small): the statements in a compact
   * table, the quote inside the evidence cell only when there is one. */
  function speakerTable() {
    const open = Object.keys(S).length <= 30;
    return D.tables.bySpeaker.map((g) => {
      const byType = new Map();
      for (const id of g.statements) byType.set(S[id].typeLabel, (byType.get(S[id].typeLabel) || 0) + 1);
      const rows = g.statements.map((id) => {
        const s = S[id];
        const answers = [...s.refutes, ...s.corroborates]
          .map((o) => `${S[o].typeLabel} by ${names(S[o].speakers)}`).join("; ");
        return h("tr", null, td(h("span", { class: "badge " + typeClass(s.type) }, s.typeLabel)),
          td(names(s.targets) || answers), td(s.cue, "cue"),
          td([evidenceButton(id, s.evidence), s.quote ? h("q", null, s.quote) : null], "evidence"),
          td(conf(s.confidence), "num"));
      });
      const counts = [...byType].map(([t, n]) => `${n} ${t}`).join(", ");
      return h("details", { class: "speaker", open },
        h("summary", null, h("strong", null, label(g.speaker)), " ", wikidata(g.speaker),
          h("span", { class: "count" }, ` ${g.statements.length} statement` +
            `${g.statements.length === 1 ? "" : "s"}: ${counts}`)),
        table(null, ["Type", "Target or answers", "Cue", "Evidence", "Conf."], [rows]));
    });
  }
  function figureTable(t) {
    const sources = t.sources.map((s) => (s ? label(s) : "source not stated"));
    const rows = t.rows.map((row) => {
      const cells = row.cells.map((ids) => td(ids.map((id) =>
        h("span", { class: "sep" }, evidenceButton(id, F[id].value))), "num"));
      const given = row.cells.filter((c) => c.length).length;
      const verdict = row.conflicting ? h("span", { class: "conflict-flag" }, "conflicting")
        : given > 1 ? "yes" : "one source";
      return h("tr", { class: row.conflicting ? "conflicting" : null }, rowHead(row.casualtyType),
        td(row.victims), td(row.place), cells, td(verdict));
    });
    return table(articleName(t.article), ["Casualties", "Victims", "Place", ...sources,
      "Sources agree?"], [rows]);
  }
  function mediationTable() {
    if (!D.tables.mediation.length) return h("p", { class: "hint" }, "No mediation groups.");
    const rows = D.tables.mediation.map((m) => h("tr", null, rowHead(ref(m.group, label(m.group))),
      td(refs(m.parents, label)), td(refs(m.mediators, label)), td(refs(m.conflicts, label)),
      td(wikidata(m.group))));
    return table(null, ["Group", "Parent organisation", "Mediators", "Mediates", "Wikidata"], [rows]);
  }
  function timelineTable() {
    const rows = D.tables.timeline.map((id) => {
      const v = V[id];
      return h("tr", null, td(v.date || "undated", "num date"), td(v.timeExpression),
        rowHead(`${v.typeLabel} (“${v.trigger || ""}”)`), td(names([...v.agents, ...v.participants])),
        td(names(v.affected)), td(names(v.places)), td(articleName(v.article)),
        td(evidenceButton(id, v.evidence)));
    });
    return table(null, ["Date", "When", "Event", "Who", "Affected", "Place", "Article", "Evidence"],
      [rows]);
  }
  function renderTables() {
    place("actor-table", actorTable());
    document.getElementById("speaker-table").replaceChildren(...speakerTable());
    const figures = D.tables.figures.map(figureTable);
    document.getElementById("figure-tables").replaceChildren(...(figures.length ? figures
      : [h("p", { class: "hint" }, "No casualty figures.")]));
    place("mediation-table", mediationTable());
    place("timeline-table", timelineTable());
  }

  /* ---- page ---- */
  const count = (o) => Object.keys(o).length;
  const actorCount = D.network.nodes.filter((n) => n.kind === "actor").length;
  document.getElementById("summary").textContent = [`${D.articles.length} article${D.articles.length === 1 ? "" : "s"}`,
    `${actorCount} actors`, `${count(S)} statements`, `${count(V)} events`, `${count(F)} casualty figures`,
    `${D.relations.length} relations`].join(" · ");
  const list = document.getElementById("article-list");
  list.replaceChildren(...D.articles.map((a, i) => renderArticle(a, i, D.articles.length)));
  const stmtTypes = [...new Set(Object.values(S).map((s) => s.type))];
  const typeLabelOf = (t) => Object.values(S).find((s) => s.type === t).typeLabel;
  legend(document.getElementById("legend-text"), [
    ...stmtTypes.map((t) => [typeClass(t), "", typeLabelOf(t)]),
    ["k-Country", "line", "mention"], ["", "line figure", "casualty figure"]]);
  renderNetwork();
  renderTables();
  document.body.dataset.ready = "true";
})();
