"""Synthetic corpora for benchmarks and scale tests: sentences of real texts, recombined.

Benchmarks need many articles in one language; the repository ships a few. ``synthetic_articles``
draws sentences from given texts with a seeded RNG and varies ids, dates and outlets, so every
run measures the same articles.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path

from eventwire.records import Article

__all__ = [
    "default_text_dirs",
    "read_texts",
    "sentences_of",
    "synthetic_articles",
    "vary_articles",
    "write_jsonl",
]

_SENTENCE_END = re.compile(r"(?<=[.!?»\"])\s+(?=[«\"A-ZÀ-ÖØ-Þ])")
_OUTLETS = ("Agence A", "Journal B", "Radio C", "Wire D", "Gazette E")


def default_text_dirs(repo: Path, shared: Path | None) -> list[Path]:
    """Where benchmark texts come from: examples/ and evaluation/, then ../shared when present."""
    dirs = [repo / "examples", repo / "evaluation"]
    if shared is not None:
        dirs += [shared / "samples", shared / "data" / "attribution" / "polnear" / "dev" / "text"]
    return [d for d in dirs if d.is_dir()]


def read_texts(paths: Iterable[Path]) -> list[Article]:
    """Read every article under ``paths`` (text, HTML, JSONL), skipping unreadable files."""
    from eventwire.ingest import articles_only, read_paths

    return list(articles_only(read_paths([str(p) for p in paths])))


def sentences_of(texts: Iterable[str], *, min_chars: int = 40, max_chars: int = 500) -> list[str]:
    """Split texts into sentences (a regex is enough to recombine them) and keep mid-sized ones.

    >>> text = "Un missile a frappé Alep dimanche matin. Deux civils ont été tués ce jour-là."
    >>> sentences_of([text], min_chars=10)
    ['Un missile a frappé Alep dimanche matin.', 'Deux civils ont été tués ce jour-là.']
    """
    out: list[str] = []
    for text in texts:
        for paragraph in text.split("\n"):
            for sentence in _SENTENCE_END.split(paragraph.strip()):
                sentence = sentence.strip()
                if min_chars <= len(sentence) <= max_chars:
                    out.append(sentence)
    return out


def synthetic_articles(
    sentences: Sequence[str],
    count: int,
    *,
    language: str | None,
    seed: int = 9,
    sentences_per_article: tuple[int, int] = (6, 14),
    start: date = date(2018, 11, 1),
) -> list[Article]:
    """``count`` articles of randomly drawn sentences, three to a paragraph, dated over 60 days."""
    if not sentences:
        raise ValueError("no sentences to draw from")
    rng = random.Random(seed)
    out = []
    for i in range(count):
        picked = [rng.choice(sentences) for _ in range(rng.randint(*sentences_per_article))]
        paragraphs = [" ".join(picked[k : k + 3]) for k in range(0, len(picked), 3)]
        out.append(
            Article(
                id=f"synthetic-{seed}-{i:06d}",
                text="\n\n".join(paragraphs),
                title=picked[0][:80],
                language=language,
                published=(start + timedelta(days=rng.randrange(60))).isoformat(),
                source=rng.choice(_OUTLETS),
                origin=f"synthetic:{i}",
            )
        )
    return out


def vary_articles(articles: Sequence[Article], count: int, *, seed: int = 9) -> list[Article]:
    """``count`` copies of ``articles`` with new ids, dates and outlets (texts unchanged)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        base = articles[i % len(articles)]
        day = date(2018, 11, 1) + timedelta(days=rng.randrange(60))
        out.append(
            Article(
                id=f"{base.id}-v{i:05d}",
                text=base.text,
                title=base.title,
                language=base.language,
                published=day.isoformat(),
                source=rng.choice(_OUTLETS),
                url=base.url,
                origin=f"{base.origin or base.id}#v{i}",
            )
        )
    return out


def write_jsonl(articles: Iterable[Article], path: Path) -> Path:
    """Write articles as eventwire JSONL input, one object a line (Spark and ``run`` read it)."""
    import json

    with path.open("w", encoding="utf-8") as handle:
        for a in articles:
            fields = {
                "id": a.id,
                "title": a.title,
                "text": a.text,
                "published": a.published,
                "source": a.source,
                "url": a.url,
                "language": a.language,
            }
            handle.write(json.dumps(fields, ensure_ascii=False) + "\n")
    return path
