"""Forty business cards from one trade show, as Excel in Taiwan saves them (CSV in Big5), with
what a person reading them would expect an import to do.

Before the import two accounts exist: 台灣積體電路製造股份有限公司 (with its contact 張忠謀,
chang@tsmc.example.com) and 鴻海精密工業股份有限公司 (main line 02-2268-3466). On the cards,
company names are written as people write them (with or without 股份有限公司, 臺 for 台,
full-width letters, "Co., Ltd." or "Inc."), the same person may come back with another address,
and a company may be recognisable only by a known person's e-mail or by its phone.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

HEADER = "公司名稱,聯絡人,職稱,電話,電子郵件,產品,預估金額,幣別,備註\n"

EXISTING_ACCOUNTS: dict[str, dict[str, Any]] = {
    "tsmc": {"name": "台灣積體電路製造股份有限公司", "taxNumber": "22099131"},
    "foxconn": {"name": "鴻海精密工業股份有限公司", "phones": ["02-2268-3466"]},
}
EXISTING_CONTACT = {"account": "tsmc", "name": "張忠謀", "emails": ["chang@tsmc.example.com"]}


@dataclass(frozen=True)
class Card:
    company: str
    person: str
    phone: str
    email: str
    account: str
    """Which company the card is about (cards with the same label are one account)."""
    account_match: str
    """NAME, EMAIL or PHONE: matched an account known by then; CREATED: a new one."""
    contact_match: str
    person_label: str | None = None
    """Cards with the same label are one contact."""


# A few cards written the way the same companies and people come back later in the stack.
_SPECIAL = [
    Card("台積電", "張忠謀", "0911-000-001", "CHANG@tsmc.example.com", "tsmc", "EMAIL", "EMAIL", "chang"),
    Card("臺灣積體電路製造", "林本堅", "0911-000-002", "lin@tsmc.example.com", "tsmc", "NAME", "CREATED"),
    Card(
        "Hon Hai Precision",
        "郭台銘",
        "+886 2 2268 3466",
        "gou@foxconn.example.com",
        "foxconn",
        "PHONE",
        "CREATED",
    ),
    Card(
        "聯發科技股份有限公司",
        "王小明",
        "0911-000-004",
        "wang@mtk.example.com",
        "mtk",
        "CREATED",
        "CREATED",
        "wang",
    ),
    Card("聯發科技", "王 小明", "0911-000-005", "xm.wang@mtk.example.com", "mtk", "NAME", "NAME", "wang"),
    Card(
        "ＡＳＵＳＴｅＫ Computer Inc.",
        "Jonney Shih",
        "0911-000-006",
        "jonney@asus.example.com",
        "asus",
        "CREATED",
        "CREATED",
    ),
    Card(
        "Asustek Computer Co., Ltd.",
        "Sam Lin",
        "0911-000-007",
        "sam@asus.example.com",
        "asus",
        "NAME",
        "CREATED",
    ),
    Card(
        "廣達電腦股份有限公司",
        "林百里",
        "0911-000-008",
        "barry@quanta.example.com",
        "quanta",
        "CREATED",
        "CREATED",
    ),
    Card(
        "廣達電腦有限公司", "梁次震", "0911-000-009", "liang@quanta.example.com", "quanta", "NAME", "CREATED"
    ),
]

_CITIES = [
    "台北",
    "新竹",
    "台中",
    "台南",
    "高雄",
    "桃園",
    "基隆",
    "嘉義",
    "宜蘭",
    "花蓮",
    "屏東",
    "苗栗",
    "彰化",
    "南投",
    "雲林",
    "台東",
]
_TRADES = ["電子", "機械", "光電", "精密", "化工", "食品", "紡織", "塑膠", "鋼鐵", "生技"]
_SURNAMES = list("陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余")


def _others(count: int) -> list[Card]:
    """Companies met once each, with their own people, phones and addresses."""
    return [
        Card(
            company=f"{_CITIES[n % len(_CITIES)]}{_TRADES[n % len(_TRADES)]}{n}號股份有限公司",
            person=f"{_SURNAMES[n]}先生",
            phone=f"0922-{n:03d}-{(n * 7) % 1000:03d}",
            email=f"buyer{n}@firm{n}.example.com",
            account=f"firm{n}",
            account_match="CREATED",
            contact_match="CREATED",
        )
        for n in range(count)
    ]


CARDS: list[Card] = [*_SPECIAL, *_others(40 - len(_SPECIAL))]


def big5_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for i, c in enumerate(CARDS):
        writer.writerow(
            [c.company, c.person, "經理", c.phone, c.email, "感測器", 100_000 + i * 1_000, "TWD", "展場名片"]
        )
    return (HEADER + out.getvalue()).encode("cp950")
