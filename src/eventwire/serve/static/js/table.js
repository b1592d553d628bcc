// The table view: every event the filters match (as loaded for the map), one row each,
// sorted by any column with a click on its header (again: the other way). Text only.

const COLUMNS = [
  ["event_date", "Date"], ["event_type", "Type"], ["sub_event_type", "Sub-type"], ["location_name", "Place"],
  ["country_code", "Country"], ["fatalities", "Killed"], ["injured", "Injured"], ["actor1_name", "Actor 1"],
  ["actor2_name", "Actor 2"], ["source", "Source"],
];
const NUMERIC = new Set(["fatalities", "injured"]);

/** Compare two values of `key`; unknown values (null) always last. */
function compare(key, a, b, dir) {
  const [x, y] = [a[key], b[key]];
  if (x === null || x === undefined || x === "") return y === null || y === undefined || y === "" ? 0 : 1;
  if (y === null || y === undefined || y === "") return -1;
  const order = NUMERIC.has(key) ? x - y : String(x).localeCompare(String(y));
  return dir * order || String(a.id).localeCompare(String(b.id));
}

/** Show `rows` (event summaries) in `table`; `onPick(id)` when a row is chosen. `show()`
 *  draws the rows last set, when its dialog opens. */
export function createTable(table, onPick) {
  const state = { rows: [], key: "event_date", dir: -1, stale: false };
  function draw() {
    const head = document.createElement("tr");
    for (const [key, label] of COLUMNS) {
      const th = document.createElement("th");
      th.scope = "col";
      th.setAttribute("aria-sort", key === state.key ? (state.dir > 0 ? "ascending" : "descending") : "none");
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.key = key;
      b.textContent = label + (key === state.key ? (state.dir > 0 ? " ▲" : " ▼") : "");
      b.addEventListener("click", () => {
        state.dir = key === state.key ? -state.dir : (NUMERIC.has(key) ? -1 : 1);
        state.key = key;
        draw();
      });
      th.append(b);
      head.append(th);
    }
    const sorted = [...state.rows].sort((a, b) => compare(state.key, a, b, state.dir));
    const body = sorted.map((row) => {
      const tr = document.createElement("tr");
      tr.dataset.id = row.id;
      tr.tabIndex = 0;
      for (const [key] of COLUMNS) {
        const td = document.createElement("td");
        td.textContent = row[key] ?? "";
        if (NUMERIC.has(key)) td.className = "num";
        tr.append(td);
      }
      tr.addEventListener("click", () => onPick(row.id));
      tr.addEventListener("keydown", (e) => { if (e.key === "Enter") onPick(row.id); });
      return tr;
    });
    const thead = document.createElement("thead");
    thead.append(head);
    const tbody = document.createElement("tbody");
    tbody.append(...body);
    table.replaceChildren(thead, tbody);
  }
  // Drawn when shown, not on every refresh: 2,500 rows of ten cells took a good part of each
  // map refresh while the table stayed closed (issue 17: round trip <= 300 ms).
  const shown = () => table.closest("dialog")?.open ?? true;
  return {
    set(rows) { state.rows = rows; state.stale = true; if (shown()) this.show(); },
    show() { if (state.stale) { state.stale = false; draw(); } },
  };
}
