/* newsgraph report: the actor network of one group (a conflict) of the report.
 *
 * Nodes are HTML buttons (real, focusable controls with readable labels) placed
 * over an SVG that holds the edges. The force layout is d3-force's, inlined with
 * the page (assets/d3-force.js) so nothing is fetched; it is deterministic, so
 * the same report always looks the same (and screenshots compare).
 */
"use strict";
const NGNetwork = (function () {
  const SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
    return el;
  }

  /* d3-force (assets/d3-force.js) places the nodes: links pull, bodies repel, boxes
   * collide. d3's random source is seeded, and the simulation runs a fixed number of
   * ticks, so the same report always looks the same. The result is then fitted into the
   * box and a last pass pushes overlapping boxes apart, so every node stays inside. */
  function layout(nodes, edges, W, H) {
    const n = nodes.length;
    if (!n) return;
    const byId = new Map(nodes.map((d) => [d.entity, d]));
    const links = [];
    const seen = new Set();
    for (const e of edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      const key = [e.source, e.target].sort().join("|");
      if (!a || !b || a === b || seen.has(key)) continue;
      seen.add(key);
      links.push({ source: a, target: b });
    }
    nodes.forEach((d) => { d.r = Math.hypot(d.w, d.h) / 2 + 6; });
    const sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).distance((l) => l.source.r + l.target.r + 30).strength(0.4))
      .force("charge", d3.forceManyBody().strength(-260))
      .force("x", d3.forceX(W / 2).strength(0.05 * Math.min(1, H / W)))
      .force("y", d3.forceY(H / 2).strength(0.05 * Math.min(1, W / H)))
      .force("collide", d3.forceCollide((d) => d.r).iterations(2))
      .stop();
    for (let step = 0; step < 300; step++) sim.tick();
    fit(nodes, W, H);
    for (let pass = 0; pass < 200; pass++) {
      let moved = false;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = nodes[i], b = nodes[j];
          const ox = (a.w + b.w) / 2 + 10 - Math.abs(a.x - b.x);
          const oy = (a.h + b.h) / 2 + 8 - Math.abs(a.y - b.y);
          if (ox <= 0 || oy <= 0) continue;
          moved = true;
          if (ox < oy) { const s = (a.x < b.x ? -1 : 1) * ox / 2; a.x += s; b.x -= s; }
          else { const s = (a.y < b.y ? -1 : 1) * oy / 2; a.y += s; b.y -= s; }
          clamp(a, 0, W, 0, H); clamp(b, 0, W, 0, H);
        }
      }
      if (!moved) break;
    }
  }

  /* Map the simulation's extent onto the box, each node by its own size: the leftmost
   * node touches the left margin, the rightmost the right one, and none sticks out. */
  function fit(nodes, W, H) {
    const ext = (f) => [Math.min(...nodes.map(f)), Math.max(...nodes.map(f))];
    const [x0, x1] = ext((d) => d.x), [y0, y1] = ext((d) => d.y);
    for (const d of nodes) {
      const tx = x1 > x0 ? (d.x - x0) / (x1 - x0) : 0.5, ty = y1 > y0 ? (d.y - y0) / (y1 - y0) : 0.5;
      d.x = 6 + d.w / 2 + tx * Math.max(W - 12 - d.w, 0);
      d.y = 6 + d.h / 2 + ty * Math.max(H - 12 - d.h, 0);
    }
  }

  /* A box tall enough for its nodes at this width: about three times their area. */
  function height(sizes, W) {
    const area = sizes.reduce((sum, d) => sum + (d.w + 16) * (d.h + 14), 0) * 3;
    return Math.round(Math.max(260, Math.min(2400, area / Math.max(W, 1))));
  }

  function clamp(d, x0, x1, y0, y1) {
    d.x = Math.min(Math.max(d.x, x0 + d.w / 2 + 6), x1 - d.w / 2 - 6);
    d.y = Math.min(Math.max(d.y, y0 + d.h / 2 + 6), y1 - d.h / 2 - 6);
  }

  /* Where the line from a box's centre in direction (vx, vy) leaves the box. */
  function border(d, vx, vy) {
    const len = Math.hypot(vx, vy) || 1, ux = vx / len, uy = vy / len;
    const s = Math.min((d.w / 2 + 3) / (Math.abs(ux) || 1e-9), (d.h / 2 + 3) / (Math.abs(uy) || 1e-9));
    return [d.x + ux * s, d.y + uy * s];
  }

  /* Parallel edges between two nodes bend apart; A->B and B->A bend opposite ways. */
  function curves(edges, byId) {
    const groups = new Map();
    for (const e of edges) {
      const key = [e.source, e.target].sort().join("|");
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    }
    const out = [];
    for (const group of groups.values()) {
      group.forEach((e, i) => {
        const a = byId.get(e.source), b = byId.get(e.target);
        if (!a || !b || a === b) return;
        const flip = e.source < e.target ? 1 : -1;
        const offset = (group.length === 1 ? 0 : (i - (group.length - 1) / 2) * 30) * flip;
        const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
        const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
        const cx = mx - ((b.y - a.y) / len) * offset, cy = my + ((b.x - a.x) / len) * offset;
        const [sx, sy] = border(a, cx - a.x, cy - a.y), [tx, ty] = border(b, cx - b.x, cy - b.y);
        const xy = (x, y) => `${x.toFixed(1)},${y.toFixed(1)}`;
        out.push({ edge: e, d: `M${xy(sx, sy)} Q${xy(cx, cy)} ${xy(tx, ty)}` });
      });
    }
    return out;
  }

  /* Draw `net` (its nodes and edges: one group of the report) into `box`: makeNode(node)
   * returns the element for a node, edgeClass(edge) its colour class, edgeTitle(edge)
   * its tooltip, onEdge(edge) handles a click. */
  function draw(box, net, hooks) {
    box.replaceChildren();
    const W = box.clientWidth || 900;
    const byId = new Map();
    for (const node of net.nodes) {
      const el = hooks.makeNode(node);
      box.append(el);
      byId.set(node.entity, { entity: node.entity, el, w: el.offsetWidth || 80, h: el.offsetHeight || 30 });
    }
    const nodes = [...byId.values()];
    box.style.height = height(nodes, W) + "px";
    const H = box.clientHeight || 600;
    const layer = svg("svg", { "aria-hidden": "true", viewBox: `0 0 ${W} ${H}` });
    const defs = svg("defs");
    layer.append(defs);
    box.prepend(layer);
    layout(nodes, net.edges, W, H);
    for (const d of nodes) {
      d.el.style.left = d.x.toFixed(1) + "px";
      d.el.style.top = d.y.toFixed(1) + "px";
    }
    const markers = new Set();
    const drawn = [];
    for (const { edge, d } of curves(net.edges, byId)) {
      const cls = hooks.edgeClass(edge);
      if (!markers.has(cls)) {
        markers.add(cls);
        const marker = svg("marker", { id: "arrow-" + cls, viewBox: "0 0 10 10", refX: 9, refY: 5,
          markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse", class: cls });
        marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z" }));
        defs.append(marker);
      }
      const g = svg("g", { class: `edge ${edge.kind} ${cls}`, "data-ref": edge.ref,
        "data-source": edge.source, "data-target": edge.target });
      const title = svg("title");
      title.textContent = hooks.edgeTitle(edge);
      g.append(title, svg("path", { class: "hit", d }),
        svg("path", { class: "line", d, "marker-end": `url(#arrow-${cls})` }));
      g.addEventListener("click", () => hooks.onEdge(edge));
      layer.append(g);
      drawn.push(g);
    }
    return drawn;
  }

  return { draw, layout };
})();
