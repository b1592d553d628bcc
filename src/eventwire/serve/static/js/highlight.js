// Render article text with evidence spans highlighted; DOM built with textContent only
// (article text is untrusted input, never HTML).

/** Evidence kinds, strongest first: a piece of text covered by several gets the first's color. */
export const KINDS = [
  ["trigger", "trigger (what happened)"],
  ["fatalities", "killed"],
  ["injured", "injured"],
  ["actor", "actor"],
  ["place", "place"],
  ["date", "date"],
  ["attribution", "according to"],
  ["modality", "modality cue"],
  ["sentence", "event sentence"],
];
const RANK = Object.fromEntries(KINDS.map(([k], i) => [k, i]));

/** Fill a legend <ul> with one swatch per kind. */
export function fillLegend(ul) {
  ul.replaceChildren(
    ...KINDS.map(([kind, label]) => {
      const li = document.createElement("li");
      const sw = document.createElement("mark");
      sw.className = `ev ev-${kind}`;
      sw.textContent = label;
      li.append(sw);
      return li;
    }),
  );
}

/**
 * Put `text` into `el`, wrapping each covered piece in <mark class="ev ev-KIND">.
 * spans: [{kind, start, end, label}] with offsets into `text` (code points as Python
 * str indices; Array.from keeps astral characters as one index).
 */
export function renderHighlighted(el, text, spans) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  const valid = spans.filter((s) => s.start >= 0 && s.end <= chars.length && s.end > s.start);
  for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const covering = valid.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { frag.append(document.createTextNode(piece)); continue; }
    covering.sort((x, y) => RANK[x.kind] - RANK[y.kind]);
    const mark = document.createElement("mark");
    const kinds = [...new Set(covering.map((s) => s.kind))];
    mark.className = `ev ev-${kinds[0]}`;
    mark.dataset.kinds = kinds.join(" ");
    mark.title = covering.filter((s) => s.kind !== "sentence").map((s) => s.label).join("\n");
    mark.textContent = piece;
    frag.append(mark);
  }
  el.replaceChildren(frag);
}

/** Evidence spans of one event in the article schema (Result.to_dict) shape. */
export function spansOfEvent(ev) {
  const out = [];
  const add = (kind, span, label) => { if (span) out.push({ kind, start: span.start, end: span.end, label }); };
  add("sentence", ev.sentence, "sentence");
  if (!ev.trigger) {  // a group's toll (fatalities and injured with their evidence) only
    add("fatalities", ev.fatalities_evidence, `killed (whole strike): ${ev.fatalities}`);
    add("injured", ev.injured_evidence, `injured (whole strike): ${ev.injured}`);
    return out;
  }
  add("trigger", ev.trigger, `${ev.event_type} / ${ev.sub_event_type}`);
  if (ev.actor1) add("actor", ev.actor1, `actor 1: ${ev.actor1.name}`);
  if (ev.actor2) add("actor", ev.actor2, `actor 2: ${ev.actor2.name}`);
  if (ev.location) add("place", ev.location, `place: ${ev.location.name ?? ev.location.text}`);
  add("date", ev.date_evidence, `date: ${ev.date}`);
  add("fatalities", ev.fatalities_evidence, `killed: ${ev.fatalities}`);
  add("injured", ev.injured_evidence, `injured: ${ev.injured}`);
  add("modality", ev.modality_evidence, `modality: ${ev.modality}`);
  (ev.attribution || []).forEach((a, i) => add("attribution", a.span, `source ${i + 1}: ${a.name}`));
  return out;
}

/** Every span of a Result.to_dict() object (places, actors and each event's evidence). */
export function spansOfResult(result) {
  const out = [];
  for (const p of result.places) out.push({ kind: "place", start: p.start, end: p.end, label: `place: ${p.name ?? p.text}` });
  for (const a of result.actors) out.push({ kind: "actor", start: a.start, end: a.end, label: `${a.name} (${a.kind})` });
  for (const ev of result.events) out.push(...spansOfEvent(ev).filter((s) => s.kind !== "sentence"));
  return out;
}
