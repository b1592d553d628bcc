"""Feed documents as the watcher reads them: RSS 2.0, Atom, relative links, broken feeds."""

from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.ingest.feeds import parse_entries
from tests.watch.pages import atom, rss

BASE = "http://127.0.0.1:9/feeds/main.xml"


def test_rss_entries_keys_links_and_dates() -> None:
    data = rss("Sahel Matin", [("urn:1", "https://sahel.example/a/1", "Attaque à Ménaka")])
    (entry,) = parse_entries(data, origin="f", base_url=BASE)
    assert (entry.key, entry.link, entry.title, entry.published, entry.outlet, entry.text) == (
        "urn:1",
        "https://sahel.example/a/1",
        "Attaque à Ménaka",
        "2025-12-03T09:00:00Z",
        "Sahel Matin",
        "Attaque à Ménaka",
    )


def test_atom_entries() -> None:
    (entry,) = parse_entries(
        atom("Wire", [("tag:w,1", "https://w.example/1", "One")]), origin="f", base_url=BASE
    )
    assert (entry.key, entry.link, entry.published) == (
        "tag:w,1",
        "https://w.example/1",
        "2025-12-03T09:00:00Z",
    )


@pytest.mark.parametrize(
    ("link", "absolute"),
    [
        ("/articles/1.html", "http://127.0.0.1:9/articles/1.html"),
        ("2.html", "http://127.0.0.1:9/feeds/2.html"),
        ("../x/3", "http://127.0.0.1:9/x/3"),
    ],
)
def test_relative_links_resolve_against_the_feed_url(link: str, absolute: str) -> None:
    (entry,) = parse_entries(rss("R", [("g", link, "t")]), origin="f", base_url=BASE)
    assert entry.link == absolute


@pytest.mark.parametrize(
    "data", [b"<html><body><p>Not a feed</p></body></html>", b"\x00\x01garbage", b""]
)
def test_broken_feed_is_one_input_error(data: bytes) -> None:
    with pytest.raises(InputError, match="^f: not an RSS/Atom feed"):
        parse_entries(data, origin="f")


def test_entry_without_guid_is_keyed_by_its_link() -> None:
    data = (
        b"<rss version='2.0'><channel><title>T</title><item><link>/a</link></item></channel></rss>"
    )
    assert parse_entries(data, origin="f", base_url=BASE)[0].key == "http://127.0.0.1:9/a"
