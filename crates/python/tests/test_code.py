"""`Coder.code` and friends against the CLI: the same article gives the same JSON."""

from __future__ import annotations

import json
import pickle
import warnings

import pytest

import detente
from conftest import jsonl_lines

ARTICLE = """Ministers meet in Lyon as border talks resume

The foreign minister of France met her German counterpart in Lyon on Tuesday to prepare a summit on energy.

"We will not accept threats from anyone," the French minister told reporters after the meeting. Germany accused Russia of cutting gas deliveries to Poland, and Poland expelled three Russian diplomats on Wednesday.

Troops from Ukraine attacked Russian positions near the river overnight, officials said. Reykjavík and São Paulo sent observers.
"""


@pytest.fixture(scope="module")
def coder():
    return detente.Coder()


@pytest.fixture(scope="module")
def article_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("article") / "lyon-talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def cli_json(cli, *args: str, input: bytes = None):
    done = cli("code", "--format", "jsonl", *args, input=input)
    assert done.returncode == 0, done.stderr.decode()
    lines = jsonl_lines(done.stdout)
    assert len(lines) == 1, lines
    return lines[0]


def test_a_text_file_codes_as_the_cli_codes_it(coder, cli, article_file):
    expected = cli_json(cli, str(article_file))
    [article] = list(detente.read_articles(article_file))
    assert article["id"] == "lyon-talks"
    assert article["title"] == "Ministers meet in Lyon as border talks resume"
    assert coder.code_json(article) == expected
    coded = coder.code(article)
    assert coded == json.loads(expected)
    # Not a vacuous comparison: the article has events, quotes and mentions.
    assert coded["events"] and coded["quotes"] and coded["mentions"]
    assert {e["code"][:2] for e in coded["events"]} & {"11", "17", "18", "19"}


def test_a_str_is_the_text_of_a_record(coder, cli, tmp_path):
    text = "Egypt condemned Iran over the missile test."
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": text}) + "\n")
    expected = json.loads(cli_json(cli, str(path)))
    assert coder.code(text) == expected
    assert coder.code(text.encode("utf-8")) == expected
    assert expected["events"], "the sentence has an event"


def test_a_dict_is_a_json_lines_record_with_its_metadata(coder, cli, tmp_path):
    record = {
        "id": 812,
        "title": "  Sanctions widen ",
        "date": "March 3, 2024",
        "source": "Harbour Wire",
        "url": "https://news.example.org/812",
        "text": "Canada imposed new sanctions on Iran after 12 cargo ships were seized.",
    }
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n")
    expected = json.loads(cli_json(cli, str(path)))
    coded = coder.code(record)
    assert coded == expected
    assert coded["id"] == "812" and coded["date"] == "2024-03-03" and coded["title"] == "Sanctions widen"
    # A datetime.date is a date too.
    import datetime

    assert coder.code(dict(record, date=datetime.date(2024, 3, 3)))["date"] == "2024-03-03"


def test_an_unreadable_date_leaves_the_article_undated_with_a_warning_as_the_cli_does(coder, cli, tmp_path):
    record = {"id": "d1", "date": "07.03.2022", "text": "Ruritania accused Freedonia of shelling the border town."}
    path = tmp_path / "dated.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    expected = cli_json(cli, str(path))
    with pytest.warns(UserWarning, match=r'article "d1": date "07\.03\.2022" left empty'):
        coded = coder.code(record)
    assert coded == json.loads(expected)
    assert coded.get("date") is None
    done = cli("code", "--format", "jsonl", str(path))
    assert 'date "07.03.2022" left empty' in done.stderr.decode()
    # A readable date gives no warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert coder.code(dict(record, date="2022-03-07"))["date"] == "2022-03-07"


def test_user_dictionaries_and_goldstein_match_the_cli(cli, tmp_path):
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "harbour.actors.toml").write_text(
        '[[actor]]\ncode = "IGOBHL"\norg = "BHL"\nnames = ["Blue Harbour League"]\n', encoding="utf-8"
    )
    text = "The Blue Harbour League condemned Iran over the seizure of the tanker."
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": text}) + "\n")
    expected = cli_json(cli, "--dictionaries", str(folder), "--goldstein", "icews", str(path))
    coder = detente.Coder(dictionaries=[str(folder)], goldstein="icews")
    assert coder.code_json(text) == expected
    assert coder.dictionary_set.startswith("builtin+")
    assert coder.dictionary_files == [str(folder / "harbour.actors.toml")]
    codes = {m["actor"]["code"] for m in json.loads(expected)["mentions"]}
    assert "IGOBHL" in codes, codes
    # A single folder may be given without a list.
    assert detente.Coder(dictionaries=folder, goldstein="icews").dictionary_set == coder.dictionary_set


def test_files_in_no_dictionary_format_are_skipped_with_a_warning_as_the_cli_notes(cli, tmp_path):
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "harbour.actors.toml").write_text(
        '[[actor]]\ncode = "IGOBHL"\norg = "BHL"\nnames = ["Blue Harbour League"]\n', encoding="utf-8"
    )
    # Brackets in a note: parsed as a dictionary, it would add nonsense actors or fail.
    notes = folder / "notes.txt"
    notes.write_text("Ask the desk about [these] codes.\nAnd [those].\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"skipped .*notes\.txt: not a dictionary format"):
        coder = detente.Coder(dictionaries=[folder])
    assert coder.dictionary_files == [str(folder / "harbour.actors.toml")]
    done = cli("code", "--dictionaries", str(folder), "-", input=b"Some text.")
    assert done.returncode == 0
    assert f"note: skipped {notes}: not a dictionary format" in done.stderr.decode()
    # Named on its own, it is refused, by both.
    with pytest.raises(ValueError, match=r"notes\.txt: not a dictionary format"):
        detente.Coder(dictionaries=[notes])
    assert cli("code", "--dictionaries", str(notes), "-", input=b"Some text.").returncode == 2


def test_goldstein_tables_differ_and_a_bad_name_is_refused():
    text = "Troops from Ukraine attacked Russian positions outside Kharkiv on Monday."
    values = {g: [e["goldstein"] for e in detente.Coder(goldstein=g).code(text)["events"]] for g in ("gdelt", "icews")}
    assert values["gdelt"] and len(values["gdelt"]) == len(values["icews"])
    with pytest.raises(ValueError, match="gdelt, icews, phoenix"):
        detente.Coder(goldstein="cameo")


def test_dictionary_errors_name_the_file_and_line_as_the_cli_does(cli, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    bad = folder / "broken.actors.toml"
    bad.write_text('[[actor]]\ncode = "FIN"\nnames = ["Fine"]\n\n[[actor]]\nnames = \n', encoding="utf-8")
    with pytest.raises(detente.DictionaryError) as caught:
        detente.Coder(dictionaries=[folder])
    err = caught.value
    assert isinstance(err, ValueError)
    assert err.file == str(bad)
    assert err.line == 6
    done = cli("code", "--dictionaries", str(folder), "-", input=b"Some text.")
    assert done.returncode != 0
    assert f"{err.file}:{err.line}: {err.message}" in done.stderr.decode()
    assert str(err) == f"{err.file}:{err.line}: {err.message}"


def test_a_missing_dictionary_folder_is_a_file_not_found_error(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(FileNotFoundError) as caught:
        detente.Coder(dictionaries=[missing])
    assert caught.value.filename == str(missing)
    assert "reading dictionaries in" in str(caught.value)


def test_explain_says_what_the_cli_says(cli):
    sentence = "Russia attacked Ukraine on Monday."
    explanation = detente.explain(sentence)
    assert "event(s)" in str(explanation)
    assert explanation.events and explanation.events[0]["code"].startswith("19")
    # The explanation is the event stage's; the coded article's events also carry their places.
    who_did_what = lambda events: [(e["code"], e["source"]["code"], e["trigger"]) for e in events]  # noqa: E731
    assert who_did_what(explanation.article["events"]) == who_did_what(explanation.events)
    done = cli("explain", sentence)
    assert done.returncode == 0, done.stderr.decode()
    assert str(explanation).strip() in done.stdout.decode()


def test_a_coder_pickles_as_its_dictionaries(tmp_path):
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "x.actors.toml").write_text('[[actor]]\ncode = "IGOBHL"\norg = "BHL"\nnames = ["Blue Harbour League"]\n')
    coder = detente.Coder(dictionaries=[folder], goldstein="phoenix")
    sources = detente.read_dictionaries(folder)
    assert sources == [(str(folder / "x.actors.toml"), (folder / "x.actors.toml").read_text())]
    assert detente.Coder.from_sources(sources, "phoenix").dictionary_set == coder.dictionary_set
    clone = pickle.loads(pickle.dumps(coder))
    assert clone.dictionary_set == coder.dictionary_set
    assert clone.goldstein == "phoenix"
    text = "The Blue Harbour League praised Kenya for its help."
    assert clone.code(text) == coder.code(text)
    # The clone does not need the folder any more.
    (folder / "x.actors.toml").unlink()
    assert pickle.loads(pickle.dumps(clone)).code(text) == coder.code(text)


def test_read_articles_reports_bad_lines_with_file_and_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "Kenya sent aid to Nigeria."}\n{"text": broken}\n{"text": "Spain praised Mexico."}\n')
    reader = detente.read_articles(path)
    assert next(reader)["text"] == "Kenya sent aid to Nigeria."
    with pytest.raises(detente.InputError) as caught:
        next(reader)
    assert caught.value.file == str(path) and caught.value.line == 2
    assert next(reader)["text"] == "Spain praised Mexico."
    with pytest.warns(UserWarning, match="mixed.jsonl:2"):
        texts = [a["text"] for a in detente.read_articles([path], errors="warn")]
    assert len(texts) == 2
