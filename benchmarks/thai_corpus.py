"""A deterministic set of briefs written in Thai, or in English with Thai names.

Thai puts no spaces between words, only between phrases and sentences, so a
line breaks inside a phrase, where a dictionary says a word ends. Each brief's
summary, talking points, statements and next steps (a table) are drawn from the
pools below: long phrases, place and ministry names, digits and Latin words
inside them; every other brief is in English with Thai names in brackets. The
same count and seed give the same files. They need briefgen[scripts].

    python benchmarks/parity.py --thai [COUNT [BRIEFGEN]]
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

SEED = 19

SENTENCES = (
    "กระทรวงกลาโหมของไทยประกาศว่าจะเพิ่มความร่วมมือด้านความมั่นคงกับประเทศเพื่อนบ้าน",
    "รัฐมนตรีว่าการกระทรวงการต่างประเทศเดินทางไปเยือนกรุงเทพมหานครเพื่อหารือเรื่องการค้าและการลงทุน",
    "การฝึกร่วมคอบร้าโกลด์จะจัดขึ้นที่จังหวัดชลบุรีในเดือนกุมภาพันธ์ปี 2568",
    "ทั้งสองฝ่ายเห็นพ้องที่จะส่งเสริมสันติภาพและเสถียรภาพในภูมิภาคเอเชียตะวันออกเฉียงใต้",
    "กองทัพเรือไทยได้รับเรือฟริเกตลำใหม่และจะนำเข้าประจำการภายในสิ้นปีนี้",
    "นายกรัฐมนตรีกล่าวว่ารัฐบาลให้ความสำคัญกับความร่วมมือกับอาเซียน (ASEAN) เป็นอย่างยิ่ง",
    "งบประมาณกลาโหมปีนี้อยู่ที่ประมาณ 2 แสนล้านบาท เพิ่มขึ้นจากปีที่แล้วเล็กน้อย",
    "ผู้แทนจากเชียงใหม่ ขอนแก่น และสงขลาเข้าร่วมการประชุมครั้งนี้ด้วย",
    "สำนักงานสภาความมั่นคงแห่งชาติจะจัดทำรายงานสรุปผลการหารือภายในสองสัปดาห์",
    "กองบัญชาการกองทัพไทยยืนยันว่าการลาดตระเวนร่วมตามแนวชายแดนจะดำเนินต่อไปตามปกติ",
)
PLACES = ("กรุงเทพมหานคร", "เชียงใหม่", "ภูเก็ต", "นครราชสีมา", "อุดรธานี", "สุราษฎร์ธานี")
MINISTRIES = (
    "กระทรวงกลาโหม",
    "กระทรวงการต่างประเทศ",
    "กระทรวงมหาดไทย",
    "กองบัญชาการกองทัพไทย",
    "สำนักงานสภาความมั่นคงแห่งชาติ",
)
ENGLISH = (
    "The Ministry of Defence ({ministry}) confirmed the joint exercise near {place}.",
    "Officials from {ministry} met the delegation in {place} to review the maritime "
    "patrols and the training programme for the coming year.",
    "A second round of talks is planned in {place}, hosted by {ministry}.",
)
ACTIONS = (
    "จัดการประชุมคณะทำงานร่วมด้านความมั่นคงทางทะเลครั้งที่สอง",
    "ลงนามบันทึกความเข้าใจว่าด้วยความร่วมมือด้านอุตสาหกรรมป้องกันประเทศ",
    "แลกเปลี่ยนข้อมูลข่าวกรองเกี่ยวกับภัยคุกคามทางไซเบอร์",
)
DUES = ("ภายในเดือนมีนาคม", "ไตรมาสที่สาม", "ก่อนสิ้นปี")
TITLES = ("สรุปความร่วมมือด้านกลาโหม", "Thai defence contacts")
SPEAKERS = ("รัฐมนตรีว่าการกระทรวงกลาโหม", "โฆษกกระทรวงการต่างประเทศ")


def _thai(rng: random.Random, most: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, most)))


def _english(rng: random.Random, most: int) -> str:
    return " ".join(
        rng.choice(ENGLISH).format(ministry=rng.choice(MINISTRIES), place=rng.choice(PLACES))
        for _ in range(rng.randint(1, most))
    )


def brief(index: int, rng: random.Random) -> dict[str, Any]:
    """One brief, in Thai (even index) or in English with Thai names (odd), as YAML-ready data."""
    thai = index % 2 == 0
    text = _thai if thai else _english
    day = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(300))
    return {
        "title": f"{TITLES[index % 2]} ({index + 1})",
        "date": day,
        "classification": "UNCLASSIFIED",
        "summary": text(rng, 3),
        "key_statements": [
            {"speaker": rng.choice(SPEAKERS), "role": "Press office", "text": text(rng, 2)}
        ],
        "next_steps": [
            {
                "action": rng.choice(ACTIONS) if thai else _english(rng, 1),
                "owner": rng.choice(MINISTRIES),
                "due": rng.choice(DUES),
                "status": "planned",
            }
            for _ in range(rng.randint(1, 3))
        ],
        "talking_points": [{"text": text(rng, 2)} for _ in range(rng.randint(1, 3))],
    }


def generate(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """Write count briefs into folder (thai-0001.yaml ...); the same files for the same seed."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"thai-{index + 1:04}.yaml"
        text = yaml.safe_dump(brief(index, rng), allow_unicode=True, sort_keys=False, width=88)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
