"""A deterministic set of varied briefs, made from the example brief.

Each brief takes a different share of the example's statements, steps and
systems (and some invented ones), its own statuses, stages, dates, title,
classification and text lengths; about one in seven uses the talking-points
template and one in seven the pipeline template. The same count and seed
always give the same files, byte for byte. Every brief fits one page.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content" / "us-india-defence.yaml"
SEED = 8

PARTNERS = (
    "India", "Japan", "Philippines", "Australia", "Indonesia", "Vietnam", "Korea",
    "Poland", "Finland", "Kenya", "Brazil", "Chile", "Morocco", "Norway", "Greece",
)  # fmt: skip
TOPICS = (
    "Defence Partnership", "Maritime Security Dialogue", "Industrial Cooperation",
    "Procurement Review", "Ministerial Call", "Capacity Building",
)  # fmt: skip
CLASSIFICATIONS = ("UNCLASSIFIED", "UNCLASSIFIED", "CUI", "CONFIDENTIAL", "SECRET", "OFFICIAL")
STATUSES = ("planned", "agreed", "in-progress", "done", "blocked")
STAGES = ("proposed", "announced", "negotiation", "contracted", "delivery", "in-service")
EXTRA = (
    "The sides also reviewed training exchanges and a schedule of staff talks.",
    "Officials noted that the timeline depends on approvals in both capitals.",
    "Industry delegations are expected to follow up within the quarter.",
)
SYSTEMS = (
    ("Patriot", "Air defence system"), ("HIMARS", "Rocket artillery"),
    ("F-16 Block 70", "Fighter aircraft"), ("Black Hawk", "Utility helicopter"),
    ("NASAMS", "Air defence system"), ("Reaper", "Remotely piloted aircraft"),
)  # fmt: skip


def _text(rng: random.Random, text: str) -> str:
    """The same text, shortened to its first sentence or lengthened by one."""
    words = " ".join(str(text).split())
    choice = rng.random()
    if choice < 0.3:
        first = words.split(". ")[0]
        return first if first.endswith((".", "”", '"')) else first + "."
    if choice > 0.85:
        return f"{words} {rng.choice(EXTRA)}"
    return words


def brief(index: int, example: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One varied brief as YAML-ready data."""
    partner = PARTNERS[index % len(PARTNERS)]
    topic = rng.choice(TOPICS)
    day = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(300))
    kind = rng.random()
    template = "talking-points" if kind < 0.14 else "pipeline" if kind < 0.28 else None
    data: dict[str, Any] = {
        "title": f"US-{partner} {topic} ({index + 1})",
        "date": day,
        "classification": rng.choice(CLASSIFICATIONS),
        "prepared_by": f"{partner} Desk, Defence Policy",
        "summary": _text(rng, example["summary"]),
    }
    if rng.random() < 0.6:
        data["subtitle"] = f"{topic} of {day:%d %B %Y}"
    statements = rng.sample(example["key_statements"], rng.randint(1, 4))
    data["key_statements"] = [
        {**s, "text": _text(rng, s["text"]), "date": day - dt.timedelta(days=rng.randrange(5))}
        for s in statements
    ]
    steps = rng.sample(example["next_steps"], rng.randint(0, 5))
    data["next_steps"] = [
        {
            **s,
            "status": rng.choice(STATUSES),
            **(
                {"due": day + dt.timedelta(days=rng.randrange(-20, 90))}
                if rng.random() < 0.5
                else {}
            ),
        }
        for s in steps
    ]
    items = rng.sample(example["procurement"], rng.randint(0, 8))
    items += [
        {"system": name, "category": category, "stage": rng.choice(STAGES)}
        for name, category in rng.sample(SYSTEMS, rng.randint(0, 3))
    ]
    data["procurement"] = [{**i, "stage": rng.choice(STAGES)} for i in items]
    if rng.random() < 0.4:
        data["sections"] = example["sections"]
    if template:
        data["template"] = template
        if template == "pipeline" and not data["procurement"]:
            data["procurement"] = [{"system": "Javelin", "stage": "announced"}]
    return {k: v for k, v in data.items() if v != []}


def generate(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """Write count briefs into folder (brief-0001.yaml ...); the same files for the same seed."""
    example = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"brief-{index + 1:04}.yaml"
        text = yaml.safe_dump(
            brief(index, example, rng), allow_unicode=True, sort_keys=False, width=88
        )
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
