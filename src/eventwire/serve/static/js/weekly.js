// Events per week as bars stacked by event type, and the week's killed as dots on a second
// scale: the chart of issue 17 ("events and fatalities per week by type"). SVG built with
// DOM calls only; every label is text.

import { typeColor } from "./map.js";

const NS = "http://www.w3.org/2000/svg";

function el(name, attrs, text) {
  const n = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

/** Draw `byWeek` ({monday: {type: {events, fatalities}}}) into the <svg> `svg`. */
export function drawWeekly(svg, byWeek) {
  const weeks = Object.keys(byWeek).sort();
  const w = svg.clientWidth || 600;
  const h = svg.clientHeight || 140;
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.replaceChildren();
  if (!weeks.length) { svg.append(el("text", { x: 10, y: 20, class: "axis" }, "No dated events")); return; }
  const totals = weeks.map((wk) => Object.values(byWeek[wk]).reduce((a, c) => a + c.events, 0));
  const killed = weeks.map((wk) => Object.values(byWeek[wk]).reduce((a, c) => a + c.fatalities, 0));
  const maxEvents = Math.max(1, ...totals);
  const maxKilled = Math.max(1, ...killed);
  const left = 34, right = 40, top = 8, bottom = 18;
  const bw = Math.min(40, (w - left - right) / weeks.length);
  const scaleY = (v, max) => ((h - top - bottom) * v) / max;
  weeks.forEach((week, i) => {
    let y = h - bottom;
    for (const [type, cell] of Object.entries(byWeek[week]).sort()) {
      const bh = scaleY(cell.events, maxEvents);
      y -= bh;
      const r = el("rect", { x: left + i * bw + 0.5, y, width: Math.max(1, bw - 1), height: bh, fill: typeColor(type),
        class: "week-bar", "data-week": week, "data-type": type, "data-events": cell.events });
      r.append(el("title", {}, `week of ${week} · ${type}: ${cell.events} events, ${cell.fatalities} killed`));
      svg.append(r);
    }
    if (killed[i] > 0) {
      const dot = el("circle", { cx: left + i * bw + bw / 2, cy: h - bottom - scaleY(killed[i], maxKilled), r: 3.5,
        class: "week-killed", "data-week": week, "data-killed": killed[i] });
      dot.append(el("title", {}, `week of ${week}: ${killed[i]} killed`));
      svg.append(dot);
    }
  });
  svg.append(
    el("text", { x: left - 4, y: top + 8, "text-anchor": "end", class: "axis" }, String(maxEvents)),
    el("text", { x: left - 4, y: h - bottom, "text-anchor": "end", class: "axis" }, "0"),
    el("text", { x: w - right + 4, y: top + 8, class: "axis killed-axis" }, `${maxKilled} †`),
    el("text", { x: left, y: h - 4, class: "axis" }, weeks[0]),
    el("text", { x: left + weeks.length * bw, y: h - 4, "text-anchor": "end", class: "axis" }, weeks[weeks.length - 1]),
  );
}
