"""Hypothesis properties of every ingestion parser: they raise nothing but InputError, and
the normalizers are idempotent."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest import article_id, detect_format, make_article, read_bytes
from eventwire.ingest.clean import clean_field, clean_text
from eventwire.ingest.decode import decode
from eventwire.ingest.feeds import parse_feed
from eventwire.ingest.html import parse_html
from eventwire.ingest.jsonl import parse_line
from eventwire.ingest.text import parse_wire
from eventwire.records import Article, Rejection

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text with the characters that break parsers: controls, surrogates, RTL marks, markup, JSON.
nasty = st.text(
    alphabet=st.one_of(
        st.characters(codec=None),
        st.sampled_from(list("\x00\r\n\t\x1b\ufeff\u200b\u200f\u202e\ud800<>&;{}[]\"'\\#:")),
        st.sampled_from(list(string.ascii_letters + "éàçèÉ ")),
    ),
    max_size=300,
)
markup = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<script>",
            "</script>",
            "<iframe src=x>",
            "<html>",
            "<body>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "&amp;",
            "&#xD800;",
            "&#99999999;",
            "&bogus;",
            "<?xml?>",
            "<rss>",
            "<item>",
            "<description>",
            "<title>",
            "Alep",
            " ",
            "\n",
            "é",
        ]
    ),
    max_size=40,
).map("".join)


def _clean(text: str) -> bool:
    return not any((ord(c) < 32 and c not in "\n\t") or "\ud800" <= c <= "\udfff" for c in text)


@FAST
@given(nasty)
@example("\r\x00\n\ufeff\ufeffA")
def test_properties_clean_text_is_idempotent_and_clean(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert _clean(once) and "\r" not in once and not once.startswith("\ufeff")
    once.encode("utf-8")


@FAST
@given(nasty)
def test_properties_clean_field_is_idempotent_one_line(text: str) -> None:
    once = clean_field(text)
    assert clean_field(once) == once
    assert once is None or ("\n" not in once and once == once.strip())


@FAST
@given(st.binary(max_size=400))
@example(b"\xff\xfe\x00")
@example(b"\xef\xbb\xbf\x00\x00")
def test_properties_decode_returns_clean_text_or_input_error(data: bytes) -> None:
    try:
        text = decode(data, origin="x")
    except InputError as err:
        assert err.origin == "x" and "\n" not in err.problem
        return
    assert _clean(text) and "\r" not in text
    assert decode(text.encode("utf-8"), origin="x") == text.lstrip("\ufeff")


@FAST
@given(nasty)
def test_properties_parse_wire_never_raises_and_keeps_body_text(text: str) -> None:
    wire = parse_wire(text)
    assert wire.body in text
    assert wire.title is None or "\n" not in wire.title


@FAST
@given(nasty)
def test_properties_parse_line_raises_only_input_error(line: str) -> None:
    try:
        fields = parse_line(line, origin="f.jsonl:1")
    except InputError as err:
        assert err.origin == "f.jsonl:1"
        return
    assert isinstance(fields["text"], str) and fields["text"].strip()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@FAST
@given(
    st.dictionaries(
        st.sampled_from(["id", "text", "title", "published", "source", "url", "language", "x"]),
        json_values | nasty,
        max_size=7,
    )
)
def test_properties_jsonl_objects_are_articles_or_one_rejection(obj: dict) -> None:
    line = json.dumps(obj, ensure_ascii=True)
    items = list(read_bytes(line.encode(), origin="f.jsonl"))
    assert len(items) == 1 and isinstance(items[0], (Article, Rejection))
    if isinstance(items[0], Article):
        assert items[0].text == clean_text(obj["text"]) and len(items[0].id) <= 64


@FAST
@given(markup | nasty)
def test_properties_parse_html_raises_only_input_error(html: str) -> None:
    try:
        page = parse_html(html, origin="p.html")
    except InputError:
        return
    assert page.text.strip()


@FAST
@given(markup.map(lambda s: '<?xml version="1.0"?><rss><channel><item><description>' + s))
def test_properties_parse_feed_raises_nothing(text: str) -> None:
    for item in parse_feed(text.encode("utf-8", "surrogatepass"), origin="f.xml"):
        assert isinstance(item, (dict, InputError))


@FAST
@given(
    st.one_of(
        st.binary(max_size=300),
        markup.map(str.encode),
        nasty.map(lambda s: s.encode("utf-8", "surrogatepass")),
    )
)
def test_properties_read_bytes_yields_only_clean_articles_or_rejections(data: bytes) -> None:
    for item in read_bytes(data, origin="in"):
        assert isinstance(item, (Article, Rejection))
        if isinstance(item, Article):
            assert _clean(item.text) and item.text.strip()
        else:
            assert "\n" not in item.line()


@FAST
@given(nasty)
def test_properties_detect_format_is_total(head: str) -> None:
    assert detect_format(head) in ("text", "html", "jsonl", "feed")


@FAST
@given(nasty.filter(lambda t: clean_text(t).strip()))
def test_properties_make_article_is_idempotent(text: str) -> None:
    article = make_article({"text": text}, origin="x", max_chars=10_000)
    again = make_article({"text": article.text, "id": article.id}, origin="x", max_chars=10_000)
    assert again == article
    assert article_id(" " + article.text + "\n") == article_id(article.text) == article.id
