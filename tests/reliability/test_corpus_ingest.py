"""Every bad input of the corpus, at the ingestion level: an article or a one-line rejection."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from eventwire.ingest import read_paths
from eventwire.records import Article, Rejection
from tests.reliability.badinputs import FR_BODY, corpus_inputs

NAMES = [item.name for item in corpus_inputs()]


def _outcomes(items: list[Article | Rejection]) -> list[str]:
    return ["article" if isinstance(i, Article) else f"error:{i.problem}" for i in items]


@pytest.mark.parametrize("name", NAMES)
def test_corpus_input_gives_expected_articles_and_rejections(
    name: str, corpus_dir: Path, corpus: dict
) -> None:
    items = list(read_paths([corpus_dir / name]))
    got = _outcomes(items)
    expected = list(corpus[name].expect)
    assert len(got) == len(expected), got
    for outcome, want in zip(got, expected):
        if want == "article":
            assert outcome == "article"
        else:
            assert want.removeprefix("error:") in outcome.removeprefix("error:")


@pytest.mark.parametrize("name", NAMES)
def test_corpus_rejections_are_one_line_naming_the_file(name: str, corpus_dir: Path) -> None:
    for item in read_paths([corpus_dir / name]):
        if isinstance(item, Rejection):
            line = item.line()
            assert "\n" not in line and "\r" not in line
            assert line.startswith(f"Error: {corpus_dir / name}")
            assert len(line) < 400 and "Traceback" not in line


@pytest.mark.parametrize("name", NAMES)
def test_corpus_articles_hold_only_clean_text(name: str, corpus_dir: Path) -> None:
    for item in read_paths([corpus_dir / name]):
        if isinstance(item, Article):
            assert item.text.strip() and len(item.id) <= 64
            assert not any(ord(c) < 32 and c not in "\n\t" for c in item.text)
            assert not any("\ud800" <= c <= "\udfff" for c in item.text)
            item.text.encode("utf-8")  # storable in SQLite and PostgreSQL
            for value in (item.title, item.source, item.published, item.language):
                assert value is None or ("\x00" not in value and "\n" not in value)


def test_corpus_html_drops_scripts_iframes_and_handlers(corpus_dir: Path) -> None:
    (article,) = read_paths([corpus_dir / "page.html"])
    assert isinstance(article, Article) and "Ménaka" in article.text
    for payload in ("SCRIPT", "ONLOAD", "IFRAME", "OBJECT", "NOSCRIPT", "fetch(", "<"):
        assert payload not in article.text


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("latin1.txt", "armés ont attaqué"),
        ("utf16-bom.txt", "armés ont attaqué"),
        ("utf16-nobom.txt", "armés ont attaqué"),
        ("utf8-bom-crlf.txt", "armés ont attaqué"),
        ("arabic-cp1256.txt", "قصفت طائرات حربية مدينة حلب"),
        ("arabic-rtl.txt", "قصفت طائرات حربية مدينة حلب"),
        ("invalid-utf8.txt", "armÃ©s"),  # mixed bytes are read as Windows-1252, not dropped
    ],
)
def test_corpus_encodings_decode_to_readable_text(
    name: str, fragment: str, corpus_dir: Path
) -> None:
    (article,) = read_paths([corpus_dir / name])
    assert isinstance(article, Article) and fragment in article.text


def test_corpus_wire_metadata_survives_bom_and_crlf(corpus_dir: Path) -> None:
    for name in ("latin1.txt", "utf16-bom.txt", "utf8-bom-crlf.txt"):
        (article,) = read_paths([corpus_dir / name])
        assert (article.title, article.source) == ("Attaque à Ménaka", "AGENCE TEST")
        assert article.text == FR_BODY


def test_corpus_control_characters_dropped_zero_width_kept(corpus_dir: Path) -> None:
    (article,) = read_paths([corpus_dir / "zero-width.txt"])
    assert "\x1b" not in article.text and "\x07" not in article.text and "\x00" not in article.text
    assert "hommes\u200d armés\u00ad ont attaqué[0m" in article.text


def test_corpus_jsonl_ids_lone_surrogates_and_controls(corpus_dir: Path) -> None:
    items = [i for i in read_paths([corpus_dir / "mixed.jsonl"]) if isinstance(i, Article)]
    by_id = {a.id: a for a in items}
    assert "Alep \ufffd " in by_id["mix-6"].text
    assert by_id["mix-7"].text.startswith("Homs[31m ") and by_id["mix-7"].source == "Wire"
    long_id = next(a for a in items if a.text.endswith("Long id."))
    assert len(long_id.id) == 16 and long_id.id != "x" * 100
    assert [a.origin for a in items][-1].endswith("mixed.jsonl:15")


def test_corpus_whole_folder_yields_every_good_article(corpus_dir: Path, corpus: dict) -> None:
    items = list(read_paths([corpus_dir]))
    assert sum(isinstance(i, Article) for i in items) == sum(c.articles for c in corpus.values())
    assert sum(isinstance(i, Rejection) for i in items) == sum(
        c.rejections for c in corpus.values()
    )


def _peak_mib(paths: list[Path], **options: int) -> float:
    tracemalloc.start()
    try:
        for _ in read_paths(paths, **options):
            pass
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_corpus_huge_file_is_rejected_unread(corpus_dir: Path) -> None:
    assert (corpus_dir / "huge.txt").stat().st_size >= 50 * 2**20
    assert _peak_mib([corpus_dir / "huge.txt"]) < 1


def test_corpus_jsonl_is_streamed_with_lines_capped(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with open(path, "w") as handle:
        handle.write('{"text": "' + "b" * 30_000_000 + '"}\n')
        handle.writelines(
            f'{{"id": "a{n}", "text": "Article {n}: {FR_BODY}"}}\n' for n in range(200)
        )
    items = []
    tracemalloc.start()
    try:
        items = [
            (type(i).__name__, getattr(i, "problem", ""))
            for i in read_paths([path], max_chars=100_000)
        ]
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert items[0] == ("Rejection", "line longer than 800,000 bytes; raise --max-chars to read it")
    assert items[1:] == [("Article", "")] * 200
    assert peak < 8


def test_corpus_max_chars_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Titre\n\n" + "mot " * 5000)
    assert isinstance(next(read_paths([path], max_chars=100_000)), Article)
    (rejected,) = read_paths([path], max_chars=1000)
    assert rejected.problem.startswith("article too long (19,999 characters > limit 1,000)")


def test_corpus_jsonl_with_long_first_line_is_still_jsonl(tmp_path: Path) -> None:
    long_text = FR_BODY + " " + "Les combats ont repris. " * 200
    path = tmp_path / "long-first.jsonl"
    path.write_text(f'{{"id": "l1", "text": "{long_text}"}}\n{{"id": "l2", "text": "{FR_BODY}"}}\n')
    assert [a.id for a in read_paths([path])] == ["l1", "l2"]
    from eventwire.ingest import read_bytes

    assert [a.id for a in read_bytes(path.read_bytes()[:4000] + b'"}', origin="x")] == ["l1"]
