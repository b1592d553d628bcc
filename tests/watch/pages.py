"""Feed documents and article pages the test server serves (texts written for these tests)."""

from __future__ import annotations

from html import escape

FR_MENAKA = (
    "Des hommes armés ont attaqué mardi un poste de l'armée malienne près de Ménaka, "
    "tuant six soldats, selon une source sécuritaire.\n\nL'attaque a eu lieu en fin de journée. "
    "Les assaillants sont repartis vers la frontière nigérienne, a précisé cette source."
)
EN_MENAKA = (
    "Gunmen killed nine soldiers in an attack on an army post near Menaka, in northeastern "
    "Mali, on Tuesday, a security source said.\n\nThe attackers fled towards the border with "
    "Niger, the source added."
)
EN_OUAGA = (
    "Hundreds of people demonstrated in Ouagadougou on Monday against the rise in fuel prices, "
    "organisers said.\n\nThe march ended peacefully in the afternoon."
)
TOWNS = (
    "Gao",
    "Tombouctou",
    "Mopti",
    "Ségou",
    "Kidal",
    "Sikasso",
    "Kayes",
    "Koulikoro",
    "Djenné",
    "Bandiagara",
)


def numbered_text(n: int) -> str:
    """A distinct short French report for item ``n`` (for runs with many items)."""
    town = TOWNS[n % len(TOWNS)]
    return (
        f"Des manifestants se sont rassemblés lundi à {town} pour réclamer le retour de "
        f"l'électricité, a indiqué un élu local. C'est la {n + 1}e manifestation de ce genre "
        "cette année, selon les organisateurs, qui comptent revenir vendredi."
    )


def article_page(title: str, text: str, *, published: str, site_name: str) -> bytes:
    """An outlet's article page: navigation and footer around the story, metadata in meta tags."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>{escape(title)} | {site_name}</title>
<meta property="og:site_name" content="{escape(site_name)}">
<meta property="article:published_time" content="{published}">
<script>var tracker = "ignore me";</script></head><body>
<nav><a href="/">Accueil</a> <a href="/afrique">Afrique</a> <a href="/sport">Sport</a></nav>
<article><h1>{escape(title)}</h1>{paragraphs}</article>
<footer>© {escape(site_name)} — tous droits réservés. Abonnez-vous à notre lettre.</footer>
</body></html>""".encode()


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """RSS 2.0 with (guid, link, title) items; links may be relative."""
    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(g)}</guid>"
        "<pubDate>Wed, 03 Dec 2025 09:00:00 GMT</pubDate>"
        f"<description>{escape(t)}</description></item>"
        for g, link, t in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
        f"<channel><title>{escape(title)}</title>"
        f"<link>http://example.org/</link><description>test</description>{body}</channel></rss>"
    ).encode()


def atom(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """Atom 1.0 with (id, href, title) entries."""
    body = "".join(
        f'<entry><id>{escape(i)}</id><title>{escape(t)}</title><link href="{escape(h)}"/>'
        "<updated>2025-12-03T09:00:00Z</updated></entry>"
        for i, h, t in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test</id><updated>2025-12-03T09:00:00Z</updated>{body}</feed>"
    ).encode()
