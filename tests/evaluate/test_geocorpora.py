"""Gold corpus readers: formats, offset repair, splits, and the real shared files."""

from __future__ import annotations

import pytest

from eventwire.errors import EvaluationError
from eventwire.evaluate.geocorpora import read_corpus

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="7"><text><![CDATA[Fire in Alexandria, Louisiana. Turkish envoy.]]></text>
<toponyms>
<toponym><start>8</start><end>18</end><phrase>Alexandria</phrase>
<gaztag geonameid="4314550"><name>Alexandria</name><fclass>P</fclass><fcode>PPL</fcode>
<lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym>
<toponym><start>22</start><end>31</end><phrase>Louisiana</phrase>
<gaztag geonameid="4331987"><name>Louisiana</name><fcode>ADM1</fcode><lat>31</lat><lon>-92</lon>
</gaztag></toponym>
<toponym><start>32</start><end>39</end><phrase>Turkish</phrase>
<gaztag geonameid="298795"><name>Turkey</name><fcode>PCLI</fcode><lat>39</lat><lon>35</lon>
</gaztag></toponym>
<toponym><start>0</start><end>4</end><phrase>Fire</phrase></toponym>
</toponyms></article></articles>"""

GWN = """<articles><article file="0"><text>Syrian troops left Aleppo University.</text>
<toponyms>
<toponym><extractedName>Syrian</extractedName><type>Non_Literal_Modifier</type>
<modifierType>Adjective</modifierType><start>0</start><end>6</end>
<geonamesID>163843</geonamesID><latitude>35</latitude><longitude>38</longitude></toponym>
<toponym><extractedName>troops</extractedName><type>Non_Lit_Expression</type>
<start>7</start><end>13</end></toponym>
<toponym><extractedName>Aleppo</extractedName><type>Embedded_Literal</type>
<modifierType>Noun</modifierType><start>19</start><end>25</end>
<geonamesID/><latitude>36.2</latitude><longitude>37.16</longitude></toponym>
</toponyms></article></articles>"""

GEOVIRUS = """<articles><article><source>x</source><text>Cases in Pandi, Bulacan rose.</text>
<locations><location><name>Pandi</name><start>10</start><end>15</end><lat>14.87</lat>
<lon>120.95</lon><page>p</page></location></locations></article></articles>"""


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_lgl_format(tmp_path):
    corpus = read_corpus(_write(tmp_path, "lgl.xml", LGL))
    (doc,) = corpus.docs
    assert [t.text for t in doc.toponyms] == ["Fire", "Alexandria", "Louisiana", "Turkish"]
    alex = doc.toponyms[1]
    assert (alex.geonameid, alex.lat, alex.lon, alex.feature_code) == (
        4314550,
        31.3113,
        -92.4451,
        "PPL",
    )
    assert doc.toponyms[0].geonameid is None and not doc.toponyms[0].has_coordinates
    assert doc.toponyms[3].kind == "adjectival"
    assert all(doc.text[t.start : t.end] == t.text for t in doc.toponyms)


def test_read_gwn_keeps_only_locations_and_types_them(tmp_path):
    corpus = read_corpus(_write(tmp_path, "GWN.xml", GWN))
    tops = corpus.docs[0].toponyms
    assert [(t.text, t.kind, t.geonameid) for t in tops] == [
        ("Syrian", "adjectival", 163843),
        ("Aleppo", "embedded", None),
    ]


def test_read_geovirus_realigns_shifted_offsets(tmp_path):
    corpus = read_corpus(_write(tmp_path, "GeoVirus.xml", GEOVIRUS))
    (top,) = corpus.docs[0].toponyms
    assert (top.start, top.end) == (9, 14)
    assert corpus.realigned == 1 and corpus.dropped == 0
    assert not corpus.adjectival  # GeoVirus marks place names only, never "Turkish"
    assert read_corpus(_write(tmp_path, "lgl.xml", LGL)).adjectival


def test_split_is_first_70_and_last_30_percent(tmp_path):
    body = "".join(
        f'<article docid="{i}"><text>Paris</text><toponyms/></article>' for i in range(10)
    )
    corpus = read_corpus(
        _write(tmp_path, "lgl.xml", f"<articles>{body}<x><gaztag/></x></articles>")
    )
    assert [d.id for d in corpus.split("fit").docs] == [str(i) for i in range(7)]
    assert [d.id for d in corpus.split("heldout").docs] == ["7", "8", "9"]
    assert len(corpus.split("all").docs) == 10
    assert [d.id for d in corpus.limit(2).docs] == ["0", "1"]


@pytest.mark.parametrize("text", ["<articles><article/></articles>", "not xml"])
def test_unknown_or_broken_corpus_raises(tmp_path, text):
    with pytest.raises(EvaluationError, match="bad.xml"):
        read_corpus(_write(tmp_path, "bad.xml", text))


@pytest.mark.parametrize(
    ("file", "docs", "toponyms"),
    [("lgl.xml", 588, 5088), ("TR-News.xml", 118, 1319), ("GeoVirus.xml", 229, 2170)],
)
def test_shared_corpora_sizes_and_offsets(shared_data, file, docs, toponyms):
    corpus = read_corpus(shared_data / "geoparsing" / file)
    assert len(corpus.docs) == docs
    assert sum(len(d.toponyms) for d in corpus.docs) + corpus.dropped == toponyms
    assert all(d.text[t.start : t.end] == t.text for d in corpus.docs for t in d.toponyms)


def test_shared_gwn_locations(shared_data):
    corpus = read_corpus(shared_data / "geoparsing" / "GWN.xml")
    assert len(corpus.docs) == 200
    # README: 2,601 rows with lat/lon
    assert sum(len(d.toponyms) for d in corpus.docs) + corpus.dropped == 2601
    assert corpus.dropped <= 5
