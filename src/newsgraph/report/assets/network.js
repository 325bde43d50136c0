/* newsgraph report: the actor network, a small deterministic force layout.
 *
 * Self-written so that nothing has to be bundled or fetched. Nodes are HTML
 * buttons (real, focusable controls with readable labels) placed over an SVG
 * that holds the edges. The layout starts from a fixed spiral and runs a fixed
 * number of steps, so the same report always looks the same (and screenshots
 * compare).
 */
"use strict";
const NGNetwork = (function () {
  const SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
    return el;
  }

  /* Fruchterman-Reingold with box-shaped nodes, then an overlap-removal pass. */
  function layout(nodes, edges, W, H) {
    const n = nodes.length;
    if (!n) return;
    const index = new Map(nodes.map((d, i) => [d.entity, i]));
    nodes.forEach((d, i) => {
      const r = Math.sqrt((i + 0.5) / n) * Math.min(W, H) * 0.45;
      const a = i * 2.399963;  // golden angle: an even, deterministic spread
      d.x = W / 2 + r * Math.cos(a) * (W / H);
      d.y = H / 2 + r * Math.sin(a);
      d.r = (d.w + d.h) / 4;
    });
    const pairs = new Map();
    for (const e of edges) {
      const a = index.get(e.source), b = index.get(e.target);
      if (a === undefined || b === undefined || a === b) continue;
      pairs.set(Math.min(a, b) + ":" + Math.max(a, b), [a, b]);
    }
    const k = Math.sqrt((W * H) / n) * 0.8;
    let t = Math.min(W, H) / 5;
    for (let step = 0; step < 500; step++) {
      const dx = new Float64Array(n), dy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let vx = nodes[i].x - nodes[j].x, vy = nodes[i].y - nodes[j].y;
          if (vx === 0 && vy === 0) { vx = 0.1 * (j - i); vy = 0.1; }
          const d = Math.hypot(vx, vy), gap = Math.max(d - nodes[i].r - nodes[j].r, 4);
          const f = (k * k) / gap / d;  // repulsion k^2/gap along the unit vector
          dx[i] += vx * f; dy[i] += vy * f; dx[j] -= vx * f; dy[j] -= vy * f;
        }
      }
      for (const [a, b] of pairs.values()) {
        const vx = nodes[a].x - nodes[b].x, vy = nodes[a].y - nodes[b].y;
        const d = Math.max(Math.hypot(vx, vy), 1), f = d / k;
        dx[a] -= vx * f; dy[a] -= vy * f; dx[b] += vx * f; dy[b] += vy * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] -= (nodes[i].x - W / 2) * 0.04; dy[i] -= (nodes[i].y - H / 2) * 0.04 * (W / H);
        const len = Math.hypot(dx[i], dy[i]);
        if (len > 0) {
          nodes[i].x += (dx[i] / len) * Math.min(len, t);
          nodes[i].y += (dy[i] / len) * Math.min(len, t);
        }
        clamp(nodes[i], 0, W, 0, H);
      }
      t = Math.max(t * 0.99, 0.5);
    }
    for (let pass = 0; pass < 150; pass++) {
      let moved = false;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = nodes[i], b = nodes[j];
          const ox = (a.w + b.w) / 2 + 14 - Math.abs(a.x - b.x);
          const oy = (a.h + b.h) / 2 + 12 - Math.abs(a.y - b.y);
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

  /* Actors with no edge go in rows along the bottom, out of the way of the graph. */
  function shelf(nodes, W, H) {
    let x = 8, y = 0, row = 0;
    const rows = [];
    for (const d of nodes) {
      if (x + d.w > W - 8 && x > 8) { x = 8; y += row + 10; row = 0; }
      rows.push([d, x, y]);
      x += d.w + 12; row = Math.max(row, d.h);
    }
    const height = nodes.length ? y + row + 34 : 0;
    for (const [d, dx, dy] of rows) { d.x = dx + d.w / 2; d.y = H - height + 28 + dy + d.h / 2; }
    return height;
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

  /* Draw into `box`: makeNode(node) returns the element for a node, edgeClass(edge)
   * its colour class, edgeTitle(edge) its tooltip, onEdge(edge) handles a click. */
  function draw(box, net, hooks) {
    box.replaceChildren();
    box.style.height = Math.round(Math.max(520, Math.min(1500, 150 * Math.sqrt(net.nodes.length)))) + "px";
    const W = box.clientWidth || 900, H = box.clientHeight || 600;
    const layer = svg("svg", { "aria-hidden": "true", viewBox: `0 0 ${W} ${H}` });
    const defs = svg("defs");
    layer.append(defs);
    box.append(layer);
    const byId = new Map();
    for (const node of net.nodes) {
      const el = hooks.makeNode(node);
      box.append(el);
      const d = { entity: node.entity, el, w: el.offsetWidth || 80, h: el.offsetHeight || 30 };
      byId.set(node.entity, d);
    }
    const linked = new Set(net.edges.flatMap((e) => (e.source === e.target ? [] : [e.source, e.target])));
    const nodes = [...byId.values()];
    const loose = nodes.filter((d) => !linked.has(d.entity));
    const shelfHeight = shelf(loose, W, H);
    layout(nodes.filter((d) => linked.has(d.entity)), net.edges, W, H - shelfHeight);
    if (loose.length) {
      layer.append(svg("line", { x1: 0, x2: W, y1: H - shelfHeight, y2: H - shelfHeight, class: "shelf" }));
      const caption = svg("text", { x: 8, y: H - shelfHeight + 18, class: "shelf" });
      caption.textContent = "Mentioned, with no statement or relation drawn:";
      layer.append(caption);
    }
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
