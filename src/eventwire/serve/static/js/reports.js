// The evidence view's "reports of this event": every outlet's account of one real-world
// event (a dedup cluster, issue 17) and where the accounts disagree.

const LABELS = { fatalities: "Killed", dates: "Dates", places: "Places", types: "Types" };

function text(tag, className, value) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.textContent = value;
  return el;
}

/** One line per disagreement: "Killed: 9–12 (best estimate 10)", "Dates: 2024-02-15, 2024-02-16". */
function disagreementLines(cluster) {
  const lines = [];
  for (const [field, values] of Object.entries(cluster.disagreements ?? {})) {
    const shown = field === "fatalities"
      ? `${cluster.fatalities_min}–${cluster.fatalities_max} (best estimate ${cluster.fatalities_best}, ` +
        "the lower median of the reports)"
      : values.join(", ");
    lines.push(text("li", `disagree-${field}`, `${LABELS[field] ?? field}: ${shown}`));
  }
  return lines;
}

/** A button per report (the open one marked current); a click opens that report's evidence. */
function reportItem(report, currentId, open) {
  const li = document.createElement("li");
  const b = document.createElement("button");
  b.type = "button";
  b.dataset.id = report.id;
  b.textContent = [report.source ?? "unnamed outlet", report.event_date ?? "undated",
    report.location_name ?? "no place",
    report.fatalities !== null && report.fatalities !== undefined ? `${report.fatalities} killed` : null]
    .filter(Boolean).join(" · ");
  if (report.id === currentId) { b.disabled = true; b.setAttribute("aria-current", "true"); }
  b.addEventListener("click", () => open(report.id));
  li.append(b);
  return li;
}

/** Fill the section: the count, the disagreements, then the reports. */
export function renderReports(section, cluster, currentId, open) {
  const reports = cluster?.reports ?? [];
  section.dataset.reports = String(reports.length);
  const head = section.querySelector("#ev-reports-count");
  head.textContent = reports.length === 1 ? "one report (no other outlet)" : `${reports.length} reports`;
  const agree = section.querySelector("#ev-disagree");
  const lines = reports.length > 1 ? disagreementLines(cluster) : [];
  agree.replaceChildren(...(lines.length ? lines : reports.length > 1 ? [text("li", "", "The reports agree.")] : []));
  section.querySelector("#ev-reports").replaceChildren(...reports.map((r) => reportItem(r, currentId, open)));
}
