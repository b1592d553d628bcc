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

/** Every page of events (GeoJSON features) up to `max`, following next_cursor. */
export async function allFeatures(params, max = 2500) {
  const features = [];
  let cursor = null;
  do {
    const page = await getJSON("/api/events", { ...params, format: "geojson", limit: 500, cursor });
    features.push(...page.features);
    cursor = page.next_cursor;
  } while (cursor && features.length < max);
  return { features, truncated: Boolean(cursor) };
}

export async function postExtract(body, { store = false, token = "" } = {}) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const resp = await fetch(`/api/extract${store ? "?store=true" : ""}`, {
    method: "POST", headers, body: JSON.stringify(body),
  });
  return parse(resp);
}
