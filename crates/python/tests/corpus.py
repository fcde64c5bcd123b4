"""Articles generated for the tests: sentences written for this project, filled with countries, people,
places and dates, so that the coder finds events, quotes and mentions, and no two articles are near copies."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Dict, List

COUNTRIES = [
    "Russia", "Ukraine", "France", "Germany", "China", "Japan", "Iran", "Israel", "Egypt", "Turkey",
    "Brazil", "India", "Pakistan", "Poland", "Sweden", "Kenya", "Nigeria", "Mexico", "Canada", "Spain",
]
CITIES = ["Zürich", "São Paulo", "Kraków", "Reykjavík", "Ōsaka", "Mombasa", "Izmir", "Lyon", "Gdańsk", "Haifa"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES = ["Harbour Wire", "Daily Ledger", "Coastal Times", "Plains Gazette"]

# Each template is one sentence of our own; {a} and {b} are countries, {city}, {day}, {n} fill the rest.
TEMPLATES = [
    "{a} accused {b} of shelling villages near the border on {day}.",
    "Troops from {a} attacked positions held by {b} outside {city} early on {day}.",
    "The foreign minister of {a} met her counterpart from {b} in {city} to discuss grain exports.",
    "{a} imposed new sanctions on {b} after {n} cargo ships were seized.",
    "{a} expelled {n} diplomats of {b}, saying they had spied on a naval base.",
    "Officials in {a} praised {b} for releasing {n} detained sailors on {day}.",
    "{a} threatened to cut gas deliveries to {b} unless the debt is paid within {n} days.",
    "Leaders of {a} and {b} signed a trade agreement in {city} on {day}.",
    "{a} condemned the missile test carried out by {b} over the sea.",
    "Police in {a} arrested {n} protesters who marched toward the embassy of {b} in {city}.",
    "{a} called on {b} to return to talks on the disputed dam.",
    "{a} sent {n} tonnes of medical aid to {b} after the floods.",
    "Protesters in {city} denounced the government of {a} over rising fuel prices.",
    "{a} rejected a proposal from {b} to share the fishing grounds.",
    "The army of {a} fired artillery at border posts of {b} overnight.",
    "{a} offered to mediate between {b} and its neighbours, a spokesman said in {city}.",
    "{a} recalled its ambassador from {b} on {day} in protest at the arrests.",
    "Envoys from {a} and {b} agreed to reopen the rail link through {city}.",
    "{a} warned {b} that any incursion would be met with force.",
    "{a} pledged {n} million dollars to rebuild schools in {b}.",
    "Hackers linked to {a} attacked the power grid of {b}, investigators said.",
    "{a} demanded that {b} free the {n} journalists held since spring.",
    "The president of {a} visited {city} and thanked {b} for its support.",
    "{a} denied that its forces had entered the territory of {b}.",
]
QUOTES = [
    "\"We will not accept threats from {b},\" the defence minister of {a} said on {day}.",
    "\"The talks in {city} were useful,\" a spokeswoman for the government of {a} told reporters.",
    "The prime minister of {a} said that {b} must withdraw its troops before any negotiation.",
    "\"Our patience with {b} has limits,\" said a senior official in {a}.",
]
TITLES = ["Border tensions rise", "Talks resume", "Sanctions widen", "Aid arrives", "Envoys meet"]


def article(i: int, rng: random.Random) -> Dict[str, object]:
    a, b = rng.sample(COUNTRIES, 2)
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        sentences = []
        for template in rng.sample(TEMPLATES, rng.randint(1, 3)) + rng.sample(QUOTES, rng.randint(0, 1)):
            x, y = (a, b) if rng.random() < 0.7 else rng.sample(COUNTRIES, 2)
            sentences.append(
                template.format(a=x, b=y, city=rng.choice(CITIES), day=rng.choice(WEEKDAYS), n=rng.randint(2, 900))
            )
        paragraphs.append(" ".join(sentences))
    record: Dict[str, object] = {"id": f"gen-{i:05d}", "text": "\n\n".join(paragraphs)}
    if i % 10 != 3:  # some articles have no date: they land in the null partition
        record["date"] = f"2024-{1 + i % 3:02d}-{1 + i % 28:02d}"
    if i % 4 == 0:
        record["title"] = rng.choice(TITLES)
    if i % 3 == 0:
        record["source"] = rng.choice(SOURCES)
        record["url"] = f"https://news.example.org/{i}"
    return record


def articles(n: int, seed: int = 14) -> List[Dict[str, object]]:
    rng = random.Random(seed)
    return [article(i, rng) for i in range(n)]


def write_jsonl(records: List[Dict[str, object]], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path
