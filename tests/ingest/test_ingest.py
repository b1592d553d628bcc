"""Ingestion: formats detected by content, wire layout, metadata, one-line rejections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.ingest import Overrides, article_id, detect_format, read_bytes, read_paths
from eventwire.ingest.text import parse_wire
from eventwire.records import Article, Rejection


def test_ingest_sample_wire_layout(sample_path: Path) -> None:
    (article,) = list(read_paths([sample_path]))
    assert isinstance(article, Article)
    assert article.source == "FRENCH PRESS TV"
    assert article.title.startswith("La Résistance a repoussé")
    assert "Hachd al-Chaabi" in article.text
    assert "SOURCE:" not in article.text and not article.text.startswith("TV")


def test_ingest_wire_without_section_or_source() -> None:
    wire = parse_wire("Un titre court\n\nPremier paragraphe. Deuxième phrase.\n")
    assert (wire.section, wire.title, wire.source) == (None, "Un titre court", None)
    assert wire.body == "Premier paragraphe. Deuxième phrase."


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('{"text": "a"}\n{"text": "b"}', "jsonl"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
        ('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        ("TV\n\nTitre\n\nTexte.", "text"),
        ("{not json at all, just a brace", "text"),
    ],
)
def test_ingest_detects_format_by_content(head: str, expected: str) -> None:
    assert detect_format(head) == expected


def test_ingest_jsonl_bad_lines_are_rejected_with_line_numbers() -> None:
    lines = [
        json.dumps({"text": "Des hommes armés ont attaqué Ménaka.", "id": "x1"}),
        "{broken",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": "Second good article.", "source": "Wire"}),
    ]
    items = list(read_bytes("\n".join(lines).encode(), origin="feed.jsonl"))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Rejection", "Article"]
    assert (
        items[1].line()
        == "Error: feed.jsonl:2: invalid JSON (Expecting property name enclosed in double quotes)"
    )
    assert items[2].line().startswith("Error: feed.jsonl:3: missing or empty 'text'")
    assert items[0].id == "x1" and items[3].source == "Wire"


def test_ingest_article_id_ignores_whitespace_and_case() -> None:
    assert article_id("Des  hommes\narmés") == article_id("des hommes armés ")
    assert article_id("Alep") != article_id("Alepp")


def test_ingest_html_uses_meta_tags() -> None:
    html = (
        "<html><head><title>Clashes in Goma</title>"
        '<meta property="og:site_name" content="Wire One">'
        '<meta property="article:published_time" content="2024-02-08T09:30:00Z">'
        "</head><body>"
        "<script>var x = 'do not keep';</script><article><h1>Clashes in Goma</h1>"
        "<p>Rebels clashed with the army near Goma on Wednesday, a witness said. "
        "Several houses burned.</p>"
        "<p>The mission said peacekeepers had reinforced their positions around the town "
        "overnight.</p>"
        "</article></body></html>"
    )
    (article,) = list(read_bytes(html.encode(), origin="page.html"))
    assert isinstance(article, Article)
    assert (article.title, article.source, article.published) == (
        "Clashes in Goma",
        "Wire One",
        "2024-02-08",
    )
    assert article.text.startswith("Rebels clashed") and "do not keep" not in article.text


def test_ingest_feed_entries_become_articles() -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Burkina Hebdo</title>'
        "<item><title>Un</title><pubDate>Thu, 18 Apr 2024 08:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;Trois employés ont été enlevés.&lt;/p&gt;</description></item>"
        "<item><title>Deux</title><description>Manifestation samedi.</description></item>"
        "</channel></rss>"
    )
    items = list(read_bytes(feed.encode(), origin="f.xml"))
    assert [i.text for i in items] == ["Trois employés ont été enlevés.", "Manifestation samedi."]
    assert items[0].source == "Burkina Hebdo" and items[0].published == "2024-04-18T08:00:00Z"


def test_ingest_overrides_win_for_plain_files() -> None:
    items = list(
        read_bytes(
            b"Titre\n\nCorps du texte.",
            origin="a.txt",
            overrides=Overrides("2018-11-12", "Wire", "fr"),
        )
    )
    assert (items[0].published, items[0].source, items[0].language) == ("2018-11-12", "Wire", "fr")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file (no text)"),
        (b"  \n\t\n", "empty file (no text)"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "binary file (PNG image), expected text, HTML, JSONL or a feed",
        ),
        (
            b"\x7fELF\x02\x01\x01",
            "binary file (ELF executable), expected text, HTML, JSONL or a feed",
        ),
    ],
)
def test_ingest_rejects_unusable_files(data: bytes, problem: str) -> None:
    assert list(read_bytes(data, origin="bad.bin")) == [Rejection("bad.bin", problem)]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1256", "utf-16"])
def test_ingest_decodes_legacy_encodings(encoding: str) -> None:
    text = "Titre\n\nLes forces ont frappé Alep à l'aube, été comme hiver, déclare le porte-parole."
    if encoding == "cp1256":
        text = (
            "عنوان\n\nقصفت القوات مدينة حلب فجر اليوم وقتل خمسة أشخاص حسب مصادر محلية في المدينة."
        )
    (article,) = list(read_bytes(text.encode(encoding), origin="x.txt"))
    assert isinstance(article, Article)
    assert article.text == text.split("\n\n", 1)[1]


def test_ingest_too_long_article_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("mot " * 300)
    (item,) = list(read_paths([path], max_chars=100))
    assert item == Rejection(
        str(path), "article too long (1,199 characters > limit 100); raise it with --max-chars"
    )


def test_ingest_directories_are_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Deux\n\nTexte deux.")
    (tmp_path / "one.txt").write_text("Un\n\nTexte un.")
    (tmp_path / ".hidden.txt").write_text("Caché\n\nTexte caché.")
    titles = [a.title for a in read_paths([tmp_path])]
    assert titles == ["Deux", "Un"]


def test_ingest_missing_file_is_one_rejection(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert list(read_paths([missing])) == [Rejection(str(missing), "no such file")]


@pytest.mark.parametrize("html", ["<iframe><html>x", "<svg>x<html>", "<math><html>x"])
def test_ingest_html_that_crashes_htmldate_is_an_input_error(html: str) -> None:
    # htmldate's cleaning asserts on these (lxml drop_tree of a parentless element).
    from eventwire.errors import InputError
    from eventwire.ingest.html import parse_html

    with pytest.raises(InputError, match="^p.html: unparsable HTML"):
        parse_html(html, origin="p.html")
