"""`Coder.code_batch`: the CLI's output article by article, in order, with any number of threads; bad
articles are errors of their own while the others come back."""

from __future__ import annotations

import json
import threading

import pytest

import detente


@pytest.fixture(scope="module")
def coder():
    return detente.Coder()


@pytest.mark.parametrize("threads", [1, 2])
def test_code_batch_equals_the_cli_article_by_article(coder, generated, cli_coded, threads):
    records = generated["records"]
    lines = coder.code_batch(records, threads=threads, as_json=True)
    assert len(lines) == len(cli_coded)
    for i, (ours, theirs) in enumerate(zip(lines, cli_coded)):
        assert ours == theirs, f"article {i} ({records[i]['id']}) differs"
    dicts = coder.code_batch(records[:200], threads=threads)
    assert dicts == [json.loads(line) for line in cli_coded[:200]]
    # The comparison is not vacuous: the generated articles carry events, quotes and dates.
    coded = [json.loads(line) for line in cli_coded]
    assert sum(len(c["events"]) for c in coded) > 2000
    assert sum(len(c["quotes"]) for c in coded) > 500
    assert len({c["date"] for c in coded}) > 20


BAD = [
    (None, "None"),
    ({"text": None}, '"text" is None'),
    ({"title": "no text"}, 'missing "text"'),
    (42, "not a string (got int)"),
    ({"text": 42, "id": "n42"}, '"text" is not a string (got int)'),
    (b"Kenya sent aid \xff\xfe to Nigeria.", "not valid UTF-8: invalid byte at offset 15"),
    ({"text": "   "}, 'empty "text"'),
]


def test_bad_articles_are_errors_of_their_own_and_the_others_come_back(coder):
    good = ["Spain praised Mexico for releasing the sailors.", {"id": "g2", "text": "Iran denied the report."}]
    batch = [good[0], *[bad for bad, _ in BAD], good[1]]
    with pytest.raises(detente.BatchError) as caught:
        coder.code_batch(batch, threads=2)
    err = caught.value
    assert [e.index for e in err.errors] == list(range(1, len(BAD) + 1))
    for e, (_, why) in zip(err.errors, BAD):
        assert isinstance(e, detente.ArticleError) and isinstance(e, ValueError)
        assert why in str(e), (why, str(e))
    assert err.errors[4].article_id == "n42"
    assert err.results[0] == coder.code(good[0])
    assert err.results[-1] == coder.code(good[1])
    assert err.results[1 : len(BAD) + 1] == [None] * len(BAD)
    assert f"{len(BAD)} of {len(batch)} articles" in str(err)

    returned = coder.code_batch(batch, threads=1, errors="return")
    assert returned[0] == err.results[0] and returned[-1] == err.results[-1]
    assert [str(r) for r in returned[1:-1]] == [str(e) for e in err.errors]


@pytest.mark.parametrize("bad, why", BAD)
def test_code_raises_a_clear_article_error(coder, bad, why):
    with pytest.raises(detente.ArticleError, match=why.replace("(", r"\(").replace(")", r"\)")):
        coder.code(bad)


def test_options_are_checked(coder):
    with pytest.raises(ValueError, match="threads must be positive"):
        coder.code_batch(["Spain praised Mexico."], threads=-1)
    with pytest.raises(ValueError, match='errors must be "raise" or "return"'):
        coder.code_batch(["Spain praised Mexico."], errors="ignore")
    with pytest.raises(TypeError, match="iterable"):
        coder.code_batch(7)


def test_a_generator_of_articles_is_read_and_order_is_kept(coder):
    texts = [f"Kenya sent {n} tonnes of aid to Nigeria." for n in range(2, 60)]
    coded = coder.code_batch((t for t in texts), threads=2)
    assert [c["text"] for c in coded] == texts


def test_coding_releases_the_gil(coder, generated):
    """While a batch is coded on another thread, Python code on this one keeps running."""
    records = generated["records"]
    done = threading.Event()
    ticks_while_coding = []

    def work():
        coder.code_batch(records, threads=1, as_json=True)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    ticks = 0
    while not done.is_set():
        ticks += 1
    worker.join()
    ticks_while_coding.append(ticks)
    # With the GIL held during coding this loop would barely run; released, it spins millions of times.
    assert ticks > 10_000, ticks


def _code_in_child(queue):
    coded = detente.Coder().code_batch(["Spain praised Mexico.", "Iran denied the report."], threads=2)
    queue.put([c["events"][0]["code"] for c in coded])


def test_a_forked_child_codes_in_parallel_too(coder):
    """multiprocessing forks: the child has none of the parent's coding threads and must not wait on them."""
    import multiprocessing

    expected = [c["events"][0]["code"] for c in coder.code_batch(["Spain praised Mexico.", "Iran denied the report."], threads=2)]
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_code_in_child, args=(queue,))
    child.start()
    child.join(120)
    alive = child.is_alive()
    if alive:
        child.kill()
    assert not alive, "the forked child hung"
    assert child.exitcode == 0
    assert queue.get(timeout=5) == expected
