"""A deterministic set of briefs written in Japanese, Chinese and Korean.

Each brief's summary, talking points and statements are sentences drawn from
the pools below: long runs with no spaces, the punctuation a line may not start
or end with (、。」「（）ー っ), digits and Latin words inside them, Korean
with its spaces. The same count and seed give the same files. They need
briefgen[scripts] (Noto Sans CJK).

    python benchmarks/parity.py --cjk [COUNT [BRIEFGEN]]
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

SEED = 19

JAPANESE = (
    "防衛省は、日米同盟を一層強化していく方針を示した。",
    "インド太平洋地域の平和と安定に向けて、同盟国や同志国との協力を深めることを確認した。",
    "また、防衛力の抜本的強化に取り組み、「自由で開かれたインド太平洋」の実現を目指す。",
    "共同訓練（日米豪印）を2025年度に実施する。",
    "防衛予算は約8.7兆円となり、前年度から大きく増えた。",
    "ミサイル防衛システムの導入について、関係国と協議を続けている。",
    "サプライチェーンの強靱化が、きっと今後の課題になるだろう。",
    "ASEAN諸国との対話を継続し、コンピューター・ネットワークの防護も強化する。",
    "「ちょっと待ってください」と述べ、記者会見を締めくくった。",
    "次回の2+2会合は、東京で開催される予定だ。",
)
CHINESE = (
    "国防部表示，中方愿同各方加强沟通协调，共同维护地区和平稳定。",
    "双方同意在2025年举行第十轮磋商，并继续深化务实合作。",
    "《联合声明》指出，双方将推动构建人类命运共同体；",
    "会谈在友好气氛中进行（详见附件）。",
    "发言人强调：防务合作不针对任何第三方！",
    "两国海军将于下月举行联合演习，演习代号为“海上联合”。",
    "中方对此表示严重关切，并已提出严正交涉。",
)
KOREAN = (
    "국방부는 한미동맹을 더욱 강화하기로 했다고 밝혔습니다.",
    "양국은 연합훈련을 확대하기로 합의했습니다.",
    "2025년 국방예산은 61조 원으로 편성되었다.",
    "한반도의 평화와 안정을 위해 긴밀히 협력하기로 했다.",
    "장관은 “억제력 강화가 최우선 과제”라고 강조했다.",
)
POOLS = {"ja": JAPANESE, "zh": CHINESE, "ko": KOREAN}
TITLES = {"ja": "防衛政策の概要", "zh": "防务合作简报", "ko": "국방 협력 개요"}
SPEAKERS = {"ja": "防衛大臣", "zh": "国防部发言人", "ko": "국방부 장관"}


def _text(rng: random.Random, lang: str, most: int) -> str:
    pool = POOLS[lang]
    joiner = " " if lang == "ko" else ""
    return joiner.join(rng.choice(pool) for _ in range(rng.randint(1, most)))


def brief(index: int, rng: random.Random) -> dict[str, Any]:
    """One brief in one language (in turn Japanese, Chinese, Korean) as YAML-ready data."""
    lang = ("ja", "zh", "ko")[index % 3]
    day = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(300))
    data: dict[str, Any] = {
        "title": f"{TITLES[lang]} ({index + 1})",
        "date": day,
        "classification": "UNCLASSIFIED",
        "summary": _text(rng, lang, 4),
        "talking_points": [{"text": _text(rng, lang, 3)} for _ in range(rng.randint(1, 4))],
        "key_statements": [
            {"speaker": SPEAKERS[lang], "role": "Press office", "text": _text(rng, lang, 2)}
        ],
    }
    return data


def generate(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """Write count briefs into folder (cjk-0001.yaml ...); the same files for the same seed."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"cjk-{index + 1:04}.yaml"
        text = yaml.safe_dump(brief(index, rng), allow_unicode=True, sort_keys=False, width=88)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
