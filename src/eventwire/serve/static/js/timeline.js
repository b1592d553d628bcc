// Hand-drawn SVG histogram of events per day or week, with a drag brush (and keyboard).

const NS = "http://www.w3.org/2000/svg";
const DAY = 86400000;

const parseDay = (s) => Date.parse(`${s}T00:00:00Z`);
const fmt = (t) => new Date(t).toISOString().slice(0, 10);

/** Bins [{start, end, count}] from {"YYYY-MM-DD": n}: daily up to ~4 months, weekly up to
 *  two years, monthly beyond (a few years of data would otherwise be hairline bars). */
export function bins(byDay) {
  const days = Object.keys(byDay).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  if (!days.length) return { bins: [], unit: "day" };
  const first = parseDay(days[0]);
  const last = parseDay(days[days.length - 1]);
  const span = (last - first) / DAY;
  if (span > 730) return monthBins(days, byDay);
  const unit = span > 120 ? "week" : "day";
  const step = unit === "week" ? 7 * DAY : DAY;
  const out = [];
  for (let t = first; t <= last; t += step) out.push({ start: t, end: t + step - DAY, count: 0 });
  for (const d of days) out[Math.floor((parseDay(d) - first) / step)].count += byDay[d];
  return { bins: out, unit };
}

function monthBins(days, byDay) {
  const index = (d) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  const first = index(days[0]);
  const out = [];
  for (let m = first; m <= index(days[days.length - 1]); m++) {
    const [y, mo] = [Math.floor(m / 12), m % 12];
    out.push({ start: Date.UTC(y, mo, 1), end: Date.UTC(y, mo + 1, 1) - DAY, count: 0 });
  }
  for (const d of days) out[index(d) - first].count += byDay[d];
  return { bins: out, unit: "month" };
}

export function createTimeline(svg, onBrush) {
  const state = { bins: [], sel: null, drag: null };
  const el = (name, attrs) => {
    const n = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    return n;
  };
  const geometry = () => {
    const w = svg.clientWidth || 600;
    const h = svg.clientHeight || 110;
    // At most 48 px a bar: one or two periods do not fill the whole strip.
    return { w, h, bw: state.bins.length ? Math.min(48, (w - 20) / state.bins.length) : 0 };
  };
  const indexAt = (x) => {
    const { bw } = geometry();
    return Math.max(0, Math.min(state.bins.length - 1, Math.floor((x - 10) / bw)));
  };
  function draw() {
    const { w, h, bw } = geometry();
    svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
    svg.replaceChildren();
    const max = Math.max(1, ...state.bins.map((b) => b.count));
    state.bins.forEach((b, i) => {
      const bh = ((h - 24) * b.count) / max;
      const picked = state.sel && i >= state.sel[0] && i <= state.sel[1];
      const r = el("rect", {
        x: 10 + i * bw + 0.5, y: h - 18 - bh, width: Math.max(1, bw - 1), height: bh,
        class: picked ? "bar picked" : "bar",
      });
      const t = el("title", {});
      t.textContent = `${fmt(b.start)}${b.end > b.start ? ` – ${fmt(b.end)}` : ""}: ${b.count} events`;
      r.append(t);
      svg.append(r);
    });
    if (state.bins.length) {
      const ends = state.bins.length > 1 ? [[0, "start"], [state.bins.length - 1, "end"]] : [[0, "start"]];
      for (const [i, anchor] of ends) {
        const label = el("text", { x: anchor === "start" ? 10 : 10 + state.bins.length * bw, y: h - 4, "text-anchor": anchor, class: "axis" });
        label.textContent = fmt(state.bins[i].start);
        svg.append(label);
      }
    }
  }
  function emit() {
    if (!state.sel) return onBrush(null);
    onBrush({ from: fmt(state.bins[state.sel[0]].start), to: fmt(state.bins[state.sel[1]].end) });
  }
  svg.addEventListener("pointerdown", (e) => {
    if (!state.bins.length) return;
    const x = e.offsetX;
    state.drag = indexAt(x);
    state.sel = [state.drag, state.drag];
    svg.setPointerCapture(e.pointerId);
    draw();
  });
  svg.addEventListener("pointermove", (e) => {
    if (state.drag === null) return;
    const i = indexAt(e.offsetX);
    state.sel = [Math.min(i, state.drag), Math.max(i, state.drag)];
    draw();
  });
  svg.addEventListener("pointerup", () => {
    if (state.drag === null) return;
    state.drag = null;
    emit();
  });
  // Keyboard: arrows move a one-bin selection, shift+arrows widen it, Escape clears.
  svg.setAttribute("tabindex", "0");
  svg.addEventListener("keydown", (e) => {
    if (!state.bins.length) return;
    const n = state.bins.length;
    let [a, b] = state.sel ?? [n - 1, n - 1];
    if (e.key === "Escape") { state.sel = null; draw(); emit(); return; }
    if (e.key === "ArrowLeft") { if (e.shiftKey) a = Math.max(0, a - 1); else { a = Math.max(0, a - 1); b = a; } }
    else if (e.key === "ArrowRight") { if (e.shiftKey) b = Math.min(n - 1, b + 1); else { b = Math.min(n - 1, b + 1); a = b; } }
    else return;
    e.preventDefault();
    state.sel = [a, b];
    draw();
    emit();
  });
  new ResizeObserver(draw).observe(svg);
  return {
    set(byDay) {
      const made = bins(byDay);
      state.bins = made.bins;
      state.sel = null;
      draw();
      return made.unit;
    },
    clear() { state.sel = null; draw(); },
  };
}
