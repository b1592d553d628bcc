"""Print a realnews article for annotation: metadata, SHA-256 and the text with line numbers.

.venv/bin/python evaluation/realdev/show.py rn-fr-0001
"""

from __future__ import annotations

import sys

from eventwire.evaluate.realdev import ARTICLES, find_shared, read_texts, sha256_text


def main() -> None:
    rows = read_texts(find_shared() / ARTICLES)
    for article_id in sys.argv[1:]:
        row = rows[article_id]
        print(
            f"id: {row['id']}  language: {row['language']}  shape: {row['shape']}  "
            f"region: {row['region']}"
        )
        print(f"source: {row['source']}  via: {row['via']}  published: {row['published']}")
        print(f"published_note: {row['published_note']}")
        print(f"same_event_as: {row['same_event_as']}")
        print(f"sha256: {sha256_text(row['text'])}")
        print(f"title: {row['title']}")
        print("-" * 70)
        print(row["text"])
        print("=" * 70)


if __name__ == "__main__":
    main()
