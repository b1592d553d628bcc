"""The bad-input corpus, generated at test time (no binaries committed), and helpers.

Imported by the reliability tests as ``tests.reliability.badinputs``.

Each :class:`BadInput` is one file a scraper could hand eventwire, with what eventwire must
do with it: ``expect`` lists, in order, ``"article"`` for each article it must yield and
``"error:<words>"`` for each one-line rejection (``<words>`` must appear in the problem).
"""

from __future__ import annotations

import io
import json
import os
import socket
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

FR_BODY = (
    "Des hommes armés ont attaqué mardi un poste de police à Ménaka, dans le nord-est du Mali, "
    "tuant trois policiers, selon une source sécuritaire citée par l'agence locale. "
    "L'armée a déployé des renforts dans la région."
)
EN_BODY = (
    "Rebels attacked an army base near Goma on Wednesday, killing four soldiers, "
    "a military spokesman told reporters. Fighting continued into the night."
)
AR_BODY = "قصفت طائرات حربية مدينة حلب صباح الثلاثاء ما أدى إلى مقتل خمسة مدنيين بحسب مصادر محلية."


@dataclass(frozen=True)
class BadInput:
    """One corpus file: name, content and the expected outcome in order."""

    name: str
    data: bytes
    expect: tuple[str, ...]
    note: str  # what it is, for docs/reliability.md

    @property
    def articles(self) -> int:
        return sum(e == "article" for e in self.expect)

    @property
    def rejections(self) -> int:
        return len(self.expect) - self.articles


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _elf() -> bytes:
    return b"\x7fELF\x02\x01\x01" + bytes(9) + struct.pack("<HHI", 2, 0x3E, 1) + bytes(200)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", "Titre\n\n" + FR_BODY)
    return buffer.getvalue()


def _jsonl_mixed() -> bytes:
    lines = [
        json.dumps({"id": "mix-1", "text": FR_BODY, "language": "fr"}, ensure_ascii=False),
        '{"id": "mix-2", "text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"id": "mix-3", "text": 5}),
        '{"id": "mix-4", "text": "Un texte.", "published": 1e400}',
        "[" * 100_000 + "]" * 100_000,
        '{"id": 1' + "0" * 5000 + ', "text": "Un texte."}',
        "",
        json.dumps({"id": "mix-5", "text": EN_BODY, "published": "2024-02-31"}),
        json.dumps({"id": "mix-6", "text": "Alep \ud800 " + FR_BODY}),
        json.dumps(
            {"id": "mix-7", "text": "Homs\u0000\u001b[31m " + FR_BODY, "source": "Wire\u0007"}
        ),
        json.dumps({"id": "x" * 100, "text": EN_BODY + " Long id."}),
        json.dumps(
            {
                "id": "mix-8",
                "text": FR_BODY,
                "published": "le 31 février 2024 à l'aube, heure locale de Bamako",
            }
        ),
        json.dumps({"id": "mix-9", "text": "z" * 5_000_000}),
        json.dumps({"id": "mix-10", "text": FR_BODY + " Dernière ligne."}),
    ]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _html() -> bytes:
    return (
        "<!DOCTYPE html><html><head><title>Attaque à Ménaka</title>"
        "<script>document.write('SCRIPT-PAYLOAD'); fetch('http://127.0.0.1/steal')</script>"
        "<style>body{color:red}</style></head><body onload=\"alert('ONLOAD-PAYLOAD')\">"
        "<iframe src=\"javascript:alert('IFRAME-PAYLOAD')\">IFRAME-TEXT</iframe>"
        f"<article><h1>Attaque à Ménaka</h1><p>{FR_BODY}</p>"
        "<p>Les habitants ont fui vers les villages voisins, "
        "ont indiqué des témoins joints par téléphone.</p>"
        '<noscript>NOSCRIPT-PAYLOAD</noscript><object data="x.swf">OBJECT-PAYLOAD</object>'
        "</article><script>var tracking = 'SCRIPT2-PAYLOAD';</script></body></html>"
    ).encode()


def _rss_broken() -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
        "<channel><title>Sahel &amp; Co</title>"
        "<item><title>Attaque &nbsp; &eacute;clair</title>"
        f"<description>{FR_BODY} &bogus; & AT&T</description>"
        "<pubDate>Thu, 31 Feb 2024 25:61:00 GMT</pubDate></item>"
        "<item><title>Second</title>"
        f"<description>{EN_BODY} &#xD800; &#99999999;</description></item>"
        "</channel></rss>"
    ).encode()


def corpus_inputs() -> list[BadInput]:
    """Every bad input, small ones and the large ones (50 MB file, 5 MB line)."""
    wire_fr = "MONDE\n\nAttaque à Ménaka\n\n" + FR_BODY + "\nSOURCE: AGENCE TEST\n"
    invalid_utf8 = ("Attaque à Ménaka\n\n" + FR_BODY).encode() + b" \xc3\x28 \xa0\xff fin."
    return [
        BadInput("empty.txt", b"", ("error:empty file",), "empty file"),
        BadInput(
            "blank.txt", "  \n\t\r\n \u3000 ".encode(), ("error:empty file",), "whitespace only"
        ),
        BadInput("image.png", _png(), ("error:binary file (PNG image)",), "PNG image"),
        BadInput("program.elf", _elf(), ("error:binary file (ELF executable)",), "ELF executable"),
        BadInput("archive.zip", _zip(), ("error:binary file (zip archive)",), "zip archive"),
        BadInput(
            "noise.bin",
            bytes(range(256)) * 64,
            ("error:binary file (NUL bytes)",),
            "random bytes with NULs",
        ),
        BadInput(
            "huge.txt", b"", ("error:file larger than",), "50 MB text file"
        ),  # written by write_corpus
        BadInput(
            "oneline.txt",
            b"a" * 5_000_000,
            ("error:article too long",),
            "one 5 MB line without spaces",
        ),
        BadInput(
            "invalid-utf8.txt", invalid_utf8, ("article",), "invalid UTF-8 bytes in French text"
        ),
        BadInput("latin1.txt", wire_fr.encode("latin-1"), ("article",), "French in Latin-1"),
        BadInput(
            "arabic-cp1256.txt",
            ("خبر\n\n" + AR_BODY).encode("cp1256"),
            ("article",),
            "Arabic in Windows-1256",
        ),
        BadInput("utf16-bom.txt", wire_fr.encode("utf-16"), ("article",), "UTF-16 with BOM"),
        BadInput(
            "utf16-nobom.txt", wire_fr.encode("utf-16-le"), ("article",), "UTF-16 LE without BOM"
        ),
        BadInput(
            "utf8-bom-crlf.txt",
            b"\xef\xbb\xbf" + wire_fr.replace("\n", "\r\n").encode(),
            ("article",),
            "UTF-8 BOM and CRLF line ends",
        ),
        BadInput("page.html", _html(), ("article",), "HTML with scripts, iframes, event handlers"),
        BadInput(
            "mixed.jsonl",
            _jsonl_mixed(),
            (
                "article",
                "error:invalid JSON",
                "error:expected a JSON object",
                "error:missing or empty 'text'",
                "error:field 'published' must be a string",
                "error:invalid JSON",
                "error:invalid JSON",
                "error:field 'published': '2024-02-31' is not a date",
                "article",
                "article",
                "article",
                "error:field 'published' is",
                "error:article too long",
                "article",
            ),
            "JSONL: malformed lines, wrong types, 1e400, 100,000-deep nesting, 5,000-digit number, "
            "31 February, lone surrogate, NUL and escape codes, 100-character id, over-long date, "
            "a 5 MB text",
        ),
        BadInput(
            "feed-broken.xml",
            _rss_broken(),
            ("article", "article"),
            "RSS with undefined and broken entities",
        ),
        BadInput(
            "arabic-rtl.txt",
            ("\u200fخبر عاجل\n\n\u202b" + AR_BODY + "\u202c").encode(),
            ("article",),
            "right-to-left Arabic with direction marks (unsupported language)",
        ),
        BadInput(
            "zero-width.txt",
            (
                "Attaque\u200b à Ménaka\n\nDes\u200b hommes\u200d armés\u00ad ont "
                "\x00attaqué\x1b[0m\x07 " + FR_BODY + "\u2028\u2029\ufeff"
            ).encode(),
            ("article",),
            "zero-width, soft hyphen, NUL, ANSI escape and separator characters",
        ),
        BadInput(
            "german.txt",
            (
                "Angriff in Berlin\n\nBewaffnete Männer haben am Dienstag eine Polizeiwache "
                "angegriffen und drei Polizisten getötet, teilte die Polizei mit."
            ).encode(),
            ("article",),
            "article in an unsupported language (German)",
        ),
        BadInput(
            "numbers-dates.txt",
            (
                "Bilan incertain\n\nLe 31 février 2024, une frappe a fait 1e400 morts "
                "et 99999999999999999999999 blessés à Alep le 00/00/0000, selon "
                "l'OSDH. Le 30 février, 10^400 personnes ont fui."
            ).encode(),
            ("article",),
            "impossible numbers (1e400) and dates (31 février)",
        ),
        BadInput(
            "classic-mac.txt",
            ("Titre\r\r" + FR_BODY + "\rSOURCE: AFP").encode(),
            ("article",),
            "old Mac CR line ends",
        ),
    ]


HUGE_BYTES = 50 * 2**20


def write_corpus(folder: Path) -> dict[str, Path]:
    """Write every corpus file into ``folder``; return name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for item in corpus_inputs():
        path = folder / item.name
        if item.name == "huge.txt":
            line = ("Attaque à Ménaka. " * 50 + "\n").encode()
            with open(path, "wb") as handle:
                handle.writelines(line for _ in range(HUGE_BYTES // len(line) + 1))
        else:
            path.write_bytes(item.data)
        out[item.name] = path
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli_env() -> dict[str, str]:
    """Environment for ``eventwire`` subprocesses: no colours, unbuffered, same home."""
    return {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
