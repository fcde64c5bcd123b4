"""The dicts `code` and `code_batch` build directly from the coded records are exactly what `json.loads` makes
of the CLI's JSON line: same keys, same values and the same Python types (True is not 1, 4 is not 4.0, which
`==` on whole dicts would let pass), on articles with missing fields, non-ASCII text, quotations inside
quotations, escapes and places with coordinates."""

from __future__ import annotations

import gc
import json
import weakref
from typing import Any, Dict, List

import pytest

import detente
from conftest import jsonl_lines
import corpus

# Articles written for this test. Each aims at something the dict builder could get wrong.
TRICKY: List[Dict[str, Any]] = [
    # No date, title, source or url: nulls (and url left out, as the CLI leaves it out).
    {"id": "bare", "text": "Kenya accused Nigeria of seizing two fishing boats on Monday."},
    # Non-ASCII everywhere: accents, CJK, emoji (four UTF-8 bytes), right-to-left script, combining marks.
    {
        "id": "unicode-ü-東京-🚀",
        "title": "Gespräche in Zürich — 会談 🕊️",
        "date": "2024-05-17",
        "source": "Ле Монд",
        "url": "https://news.example.org/ü?q=東京&x=1",
        "text": "Officials in Zürich said that Japan and China met on Thursday to discuss fishing rights. 🚀 "
        "A spokesman in Kraków said Poland condemned the missile test carried out by Russia. "
        "Le ministre a dit: « Nous refusons ». مرحبا بالعالم. The café's owner, José Núñez, was there.",
    },
    # Quotations inside quotations, a speaker with a role, indirect speech, backslashes and escapes.
    {
        "id": 'quote "nested" \\ id',
        "title": 'He said "no" \\ then \t left',
        "date": "2023-11-02",
        "text": '"We told them \'never again\', and we meant it," the foreign minister of Israel said on Tuesday. '
        "The prime minister of India said that Pakistan must withdraw its troops before any negotiation.\n\n"
        '"Our patience with Iran has limits," said a senior official in Egypt. '
        "Egypt recalled its ambassador from Iran on Wednesday in protest at the arrests.",
    },
    # Places with coordinates (floats), numbers, a negated event and a female speaker.
    {
        "id": "places",
        "date": "2022-03-08",
        "source": "Harbour Wire",
        "text": "Troops from Turkey attacked positions held by Syria outside Aleppo early on Sunday. "
        "The army of Brazil fired artillery at border posts of Venezuela overnight, killing 3 soldiers. "
        "Mexico did not sign the trade agreement with Canada in Ottawa.\n\n"
        '"The talks in Geneva were useful," she said. Angela Brandt, the German chancellor, met the president '
        "of France in Paris on Friday.",
    },
    # One line of text, no sentence-final punctuation, odd whitespace.
    {"id": "short", "date": "2021-01-01", "text": "  Sweden   expelled  four Russian diplomats  "},
    # A long article: byte offsets past 65,536 (numbers that are not shared between articles).
    {"id": "long", "date": "2020-06-30", "text": "\n\n".join(a["text"] for a in corpus.articles(150, seed=7))},
]


def same(ours: Any, theirs: Any, path: str) -> None:
    """Asserts `ours` is `theirs` value for value and type for type, naming the first place they differ."""
    assert type(ours) is type(theirs), f"{path}: {type(ours).__name__} {ours!r} vs {type(theirs).__name__} {theirs!r}"
    if isinstance(theirs, dict):
        assert list(ours) == list(theirs), f"{path}: keys {list(ours)} vs {list(theirs)}"
        for key in theirs:
            same(ours[key], theirs[key], f"{path}.{key}")
    elif isinstance(theirs, list):
        assert len(ours) == len(theirs), f"{path}: {len(ours)} items vs {len(theirs)}"
        for i, (a, b) in enumerate(zip(ours, theirs)):
            same(a, b, f"{path}[{i}]")
    else:
        assert ours == theirs, f"{path}: {ours!r} vs {theirs!r}"


def walk(value: Any):
    """Every (key, value) pair in nested dicts and lists."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


@pytest.fixture(scope="module")
def cli_tricky(cli, tmp_path_factory):
    path = corpus.write_jsonl(TRICKY, tmp_path_factory.mktemp("tricky") / "tricky.jsonl")
    done = cli("code", "--format", "jsonl", str(path))
    assert done.returncode == 0, done.stderr.decode()
    lines = jsonl_lines(done.stdout)
    assert len(lines) == len(TRICKY)
    return [json.loads(line) for line in lines]


def test_the_same_function_finds_a_difference_in_type_or_value():
    # The comparison itself must be able to fail, or the tests below prove nothing.
    for ours, theirs in [({"a": True}, {"a": 1}), ({"a": 4}, {"a": 4.0}), ([None], []), ({"a": "é"}, {"a": "e"})]:
        with pytest.raises(AssertionError):
            same(ours, theirs, "x")


@pytest.mark.parametrize("threads", [1, 2])
def test_batch_dicts_equal_the_cli_field_by_field(cli_tricky, threads):
    coder = detente.Coder()
    # Twice over, so the second half is built from a warm cache of keys and values.
    ours = coder.code_batch(TRICKY + TRICKY, threads=threads)
    for i, expected in enumerate(cli_tricky + cli_tricky):
        same(ours[i], expected, f"article {i} ({expected['id']})")


def test_code_dicts_equal_the_cli_field_by_field(cli_tricky):
    coder = detente.Coder()
    for record, expected in zip(TRICKY, cli_tricky):
        same(coder.code(record), expected, record["id"])


def test_the_tricky_articles_reach_every_kind_of_field(cli_tricky):
    # What the comparisons above cover: if the coder stops finding these, the articles need rewriting.
    pairs = [pair for coded in cli_tricky for pair in walk(coded)]
    kinds: Dict[str, set] = {}
    for key, value in pairs:
        kinds.setdefault(key, set()).add(type(value).__name__)
    assert "NoneType" in kinds["date"] and "str" in kinds["date"]
    assert kinds["goldstein"] == {"float"}
    assert "float" in kinds["lat"], "no event has a place with coordinates"
    assert "bool" in kinds["negated"] and "int" in kinds["quad_class"]
    assert sum(len(c["quotes"]) for c in cli_tricky) >= 3
    assert any(q["speaker"] for c in cli_tricky for q in c["quotes"]), "no quotation has a speaker"
    assert any(e["quote"] is not None for c in cli_tricky for e in c["events"]), "no event is inside a quotation"
    assert sum(len(c["events"]) for c in cli_tricky) >= 8
    assert any(ord(ch) > 0xFFFF for c in cli_tricky for ch in c["id"]), "no character outside the BMP"
    assert "gender" in kinds, "no mention carries a gender"
    assert max(v for k, v in pairs if k == "end") > 70_000, "no offset past the shared small numbers"


def test_a_long_lived_coder_keeps_building_the_same_dicts(generated, cli_coded):
    # Many articles through one coder: its cache of short values fills up, and later articles must not get
    # values of earlier ones.
    coder = detente.Coder()
    records = generated["records"][:600]
    first = coder.code_batch(records, threads=1)
    again = coder.code_batch(records[::-1], threads=1)[::-1]
    for i, line in enumerate(cli_coded[:600]):
        expected = json.loads(line)
        same(first[i], expected, f"article {i}")
        same(again[i], expected, f"article {i}, second pass")


def test_the_garbage_collector_is_left_as_it_was_found():
    # Building dicts holds Python's cyclic collector off for a while; afterwards it is on again if it was on,
    # also when the batch raises, and stays off if the caller had turned it off.
    coder = detente.Coder()
    assert gc.isenabled()
    coder.code_batch(TRICKY, threads=1)
    coder.code(TRICKY[0])
    assert gc.isenabled()
    with pytest.raises(detente.BatchError):
        coder.code_batch([TRICKY[0], None, TRICKY[1]], threads=1)
    assert gc.isenabled()
    gc.disable()
    try:
        coder.code_batch(TRICKY, threads=2)
        coder.code(TRICKY[1])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cycles_made_by_the_caller_are_still_collected_after_a_batch():
    coder = detente.Coder()
    coded = coder.code_batch(TRICKY, threads=1)
    class Probe:
        pass

    probe = Probe()
    probe.article = coded[0]
    coded[0]["probe"] = probe  # a cycle through a built dict
    alive = weakref.ref(probe)
    del coded, probe
    gc.collect()
    assert alive() is None
