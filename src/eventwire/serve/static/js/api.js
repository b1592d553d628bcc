// Thin fetch helpers for the eventwire API; every error body is {ok:false, error, status}.

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function parse(resp) {
  const body = await resp.json().catch(() => null);
  if (!resp.ok) throw new ApiError(resp.status, body?.error ?? `HTTP ${resp.status}`);
  return body;
}

/** Query string from a filter object; arrays repeat the key, empty values are left out. */
export function query(params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "" || v === false) continue;
    for (const one of Array.isArray(v) ? v : [v]) qs.append(k, String(one));
  }
  return qs.toString();
}

// Requests in flight, by URL: the menus and the map ask for the same counts at first paint
// (/api/stats without dates), and one answer serves both (issue 17: first paint <= 1 s).
const inFlight = new Map();

export function getJSON(path, params = {}) {
  const url = `${path}?${query(params)}`;
  if (!inFlight.has(url)) {
    inFlight.set(url, fetch(url).then(parse).finally(() => inFlight.delete(url)));
  }
  return inFlight.get(url);
}

/** The markers of every event matching `params` (up to `max`), from one compact answer:
 *  arrays under one `columns` header, made into objects here (issue 17: one request, not
 *  five GeoJSON pages in turn). */
export async function allMarkers(params, max = 2500) {
  const body = await getJSON("/api/markers", { ...params, limit: max });
  const rows = body.rows.map((values) => Object.fromEntries(body.columns.map((c, i) => [c, values[i]])));
  return { rows, truncated: body.truncated };
}

export async function postExtract(body, { store = false, token = "" } = {}) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const resp = await fetch(`/api/extract${store ? "?store=true" : ""}`, {
    method: "POST", headers, body: JSON.stringify(body),
  });
  return parse(resp);
}
