// The map follows `eventwire watch` (issue 18): ask /api/live every 30 s for events stored since
// the last answer, and mark those stored since you last looked ("new since you looked").
import { getJSON } from "./api.js";

const LOOKED = "eventwire.lastLooked";  // localStorage: when you last marked everything as seen

/** Start polling; `onNew(events)` refreshes the map and list. Returns a stop function. */
export function startLive({ onNew, every = 30000 }) {
  const button = document.getElementById("live-new");
  const list = document.getElementById("event-list");
  const fresh = new Set();  // ids stored since you looked
  let cursor = localStorage.getItem(LOOKED);
  let timer = null;

  const mark = () => {
    for (const item of list.querySelectorAll(".event-item")) item.classList.toggle("is-new", fresh.has(item.dataset.id));
    button.hidden = fresh.size === 0;
    button.textContent = `${fresh.size} new since you looked`;
    document.body.dataset.liveNew = String(fresh.size);
  };

  async function poll() {
    try {
      const page = await getJSON("/api/live", cursor ? { since: cursor } : {});
      if (!localStorage.getItem(LOOKED) && page.latest) localStorage.setItem(LOOKED, page.latest);  // first visit
      // Strictly after: the answer repeats the cursor's own millisecond (since is inclusive).
      const looked = localStorage.getItem(LOOKED) ?? "";
      const added = page.events.filter((e) => !fresh.has(e.id) && cursor && e.processed_at > looked);
      for (const e of added) fresh.add(e.id);
      cursor = page.latest ?? cursor;
      if (added.length) await onNew(added);
      mark();
    } catch (err) {
      console.warn("live: ", err);
    } finally {
      timer = setTimeout(poll, every);
    }
  }

  button.addEventListener("click", () => {  // "I have looked": nothing is new any more
    if (cursor) localStorage.setItem(LOOKED, cursor);
    fresh.clear();
    mark();
  });
  new MutationObserver(mark).observe(list, { childList: true });
  poll();
  return () => clearTimeout(timer);
}
