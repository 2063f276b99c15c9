"""The words of every explanation, in English and Korean: sentence templates by key, the names
of colours, kinds (mid classes), styles and seasons, and counted nouns. `graph.recommend.explain`
builds each sentence from the graph path that produced an answer and asks a `Wording` for its
words; the API's `lang=ko|en` picks one. The Korean writes a particle that depends on the word
before it in its double form (와(과), 이(가), 을(를)), so that any name can be slotted in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from core.vocabulary import (
    CATEGORIES_KO,
    COLORS_KO,
    LABELS_KO,
    UNKNOWN_COLOR,
    split_cluster_key,
)

Lang = Literal["en", "ko"]
LANGS: tuple[str, ...] = get_args(Lang)

KINDS_KO = {
    "t-shirt": "티셔츠",
    "sleeveless": "슬리브리스",
    "polo": "폴로 셔츠",
    "sweatshirt": "맨투맨",
    "hoodie": "후드티",
    "knit": "니트",
    "shirt": "셔츠",
    "blouse": "블라우스",
    "cardigan": "가디건",
    "vest": "베스트",
    "zip-up": "집업",
    "jeans": "청바지",
    "slacks": "슬랙스",
    "chinos": "치노 팬츠",
    "joggers": "조거 팬츠",
    "cargo": "카고 팬츠",
    "shorts": "반바지",
    "skirt": "스커트",
    "leggings": "레깅스",
    "pants": "팬츠",
    "dress": "원피스",
    "jacket": "자켓",
    "blouson": "블루종",
    "coat": "코트",
    "padding": "패딩",
    "windbreaker": "바람막이",
    "blazer": "블레이저",
    "fleece": "플리스",
    "track-jacket": "트랙 자켓",
    "sneakers": "스니커즈",
    "boots": "부츠",
    "loafers": "로퍼",
    "sandals": "샌들",
    "shoes": "신발",
    "backpack": "백팩",
    "tote": "토트백",
    "crossbody": "크로스백",
    "shoulder-bag": "숄더백",
    "bag": "가방",
    "cap": "캡",
    "beanie": "비니",
    "bucket-hat": "버킷햇",
    "hat": "모자",
}

# Counted nouns: (English singular, English plural, Korean "{n}" pattern).
NOUNS = {
    "outfit": ("outfit", "outfits", "코디 {n}개"),
    "real outfit": ("real outfit", "real outfits", "실제 코디 {n}개"),
    "new outfit": ("new outfit", "new outfits", "새 코디 {n}개"),
    "shoot": ("of its shoot", "of its shoots", "브랜드 화보 {n}개"),
    "piece": ("of your piece", "of your pieces", "내 아이템 {n}개"),
}

# Whole sentences the recommenders write in English (model notes, the closet's definitions),
# each registered with its Korean where it is defined (`sentence`).
SENTENCES_KO: dict[str, str] = {}


def sentence(english: str, korean: str) -> str:
    """Register a whole sentence's Korean (Wording.sentence words it); the English back."""
    SENTENCES_KO[english] = korean
    return english


TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "unclustered": "unclustered item",
        "piece": "piece",
        "rule_closet": "{target} pair with {pieces} ({outfits} in all)",
        "rule_cluster": "{target} are worn with {own} in {outfits}",
        "rule_mid_class": "{target} are worn with other colours of its kind in {outfits}",
        "rule_color": "{target} are worn with other pieces of its colour in {outfits}",
        "model": "LightGCN ({model}) gives it {p} with {own}",
        "model_suffix": "LightGCN {p}",
        "chance": "{p} chance it completes the outfit",
        "ranker_brand": "same brand as your {piece} ({brand}){worn}; {chance}",
        "ranker_brand_worn": ", worn together in {shoots}",
        "ranker_brands": "{brand} is worn with {other} in {outfits}; {chance}",
        "ranker_clusters": "{target} are worn with {own} in {outfits}; {chance}",
        "ranker_content": "its words, style and price match pieces worn with yours; {chance}",
        "outfit_real": "worn exactly like this in {outfits}",
        "outfit_path": "no real outfit has these pieces, but each pair is worn together: {links}",
        "link": "{a} with {b} in {outfits}",
        "next_worn": "worn with your {name} in {outfits}; ",
        "next_none": "{head}its cluster ({target}) pairs with {pieces} ({pairs}), no outfit yet",
        "next": "{head}its cluster ({target}) pairs with {pieces} — {pairs} — and unlocks {new}",
        "look_given": "your pick",
        "look_piece": "{where}{target} is worn {links}",
        "look_link": "with {a} in {outfits}",
        "look_and": " and ",
        "look_closet": "from your closet; ",
        "look_real": "worn exactly like this in {outfits}",
        "look_composed": "no real outfit holds this combination; composed from cluster "
        "co-occurrence (weakest pair: {outfits})",
        "today_ranker": "the ranker gives its pieces {p} together",
        "today_suits": "its pieces suit this occasion (×{lift})",
        "today_rare": "its pieces are rarely worn for this occasion (×{lift})",
        "today_shoes": "with your {name}",
        "occasion_suits": "suits {labels} (×{lift})",
        "occasion_rare": "is rarely worn for {labels} (×{lift})",
        "note_missing": "no {categories} to wear yet: see the next piece for it",
        "note_no_outer": "no outer of yours goes with these for {season}: see the next piece",
        "note_no_shoes": "none of your shoes is worn with these pieces in real outfits",
        "note_not_typical": "none of your outfits is typical of this style or season: the closest",
        "note_no_outfit": "no wearable outfit holds {what}",
        "note_your_pieces": "your pieces",
        "note_your": "your {name}",
        "note_not_worn_together": "{a} and {b} are not worn together in real outfits: no "
        "wearable look holds both",
        "note_no_fill": "no {categories} is worn with all the given pieces in real outfits",
        "note_no_combination": "the candidate pieces are never worn with each other in real "
        "outfits",
        "or": " or ",
    },
    "ko": {
        "unclustered": "분류되지 않은 아이템",
        "piece": "아이템",
        "rule_closet": "{target}: {pieces}와(과) 어울림 (모두 {outfits})",
        "rule_cluster": "{target}·{own} 조합이 {outfits}에서 함께 입힘",
        "rule_mid_class": "{target}: 같은 종류의 다른 색상과 {outfits}에서 함께 입힘",
        "rule_color": "{target}: 같은 색상의 다른 아이템과 {outfits}에서 함께 입힘",
        "model": "LightGCN({model}) 기준 {own}와(과) 어울릴 확률 {p}",
        "model_suffix": "LightGCN {p}",
        "chance": "코디를 완성할 확률 {p}",
        "ranker_brand": "내 {piece}와(과) 같은 브랜드({brand}){worn}; {chance}",
        "ranker_brand_worn": ", {shoots}에서 함께 입힘",
        "ranker_brands": "{brand}·{other} 브랜드가 {outfits}에서 함께 입힘; {chance}",
        "ranker_clusters": "{target}·{own} 조합이 {outfits}에서 함께 입힘; {chance}",
        "ranker_content": "이름·스타일·가격이 내 아이템과 함께 입힌 아이템과 비슷함; {chance}",
        "outfit_real": "{outfits}에서 똑같이 입음",
        "outfit_path": "이 조합 그대로인 실제 코디는 없지만 두 벌씩은 함께 입힘: {links}",
        "link": "{a}·{b} {outfits}",
        "next_worn": "내 {name}와(과) {outfits}에서 함께 입힘; ",
        "next_none": "{head}이 아이템 종류({target})는 {pieces}와(과) 어울리지만({pairs}) "
        "아직 새 코디는 없음",
        "next": "{head}이 아이템 종류({target})는 {pieces}와(과) 어울려서({pairs}) {new}가 생김",
        "look_given": "내가 고른 아이템",
        "look_piece": "{where}{target}: {links}",
        "look_link": "{a}와(과) {outfits}",
        "look_and": ", ",
        "look_closet": "내 옷장에서; ",
        "look_real": "{outfits}에서 똑같이 입음",
        "look_composed": "이 조합 그대로인 실제 코디는 없음; 종류별 동시 착용으로 구성함 "
        "(가장 약한 조합: {outfits})",
        "today_ranker": "랭커 기준 아이템끼리 어울릴 확률 {p}",
        "today_suits": "이 상황에 잘 맞는 아이템들 (×{lift})",
        "today_rare": "이 상황에는 잘 입지 않는 아이템들 (×{lift})",
        "today_shoes": "내 {name}와(과) 함께",
        "occasion_suits": "{labels}에 잘 맞음 (×{lift})",
        "occasion_rare": "{labels}에는 잘 입지 않음 (×{lift})",
        "note_missing": "아직 {categories} 아이템이 없음: 다음에 살 아이템을 확인하세요",
        "note_no_outer": "{season}에 어울리는 아우터가 없음: 다음에 살 아이템을 확인하세요",
        "note_no_shoes": "가진 신발 중 이 아이템들과 실제 코디에서 함께 신은 것이 없음",
        "note_not_typical": "이 스타일·계절에 딱 맞는 코디가 없어 가장 가까운 코디를 보여줌",
        "note_no_outfit": "{what}을(를) 포함한 코디가 없음",
        "note_your_pieces": "내 아이템",
        "note_your": "내 {name}",
        "note_not_worn_together": "{a}·{b} 조합은 실제 코디에서 함께 입지 않음: 둘을 함께 "
        "입는 코디가 없음",
        "note_no_fill": "고른 아이템 모두와 실제 코디에서 함께 입힌 {categories}이(가) 없음",
        "note_no_combination": "후보 아이템끼리 실제 코디에서 함께 입힌 적이 없음",
        "or": " 또는 ",
    },
}


@dataclass(frozen=True)
class Wording:
    """The words of one language."""

    lang: str = "en"

    def say(self, key: str, **parts: object) -> str:
        """The sentence `key` with its parts filled in."""
        return TEMPLATES[self.lang][key].format(**parts)

    def count(self, n: int, noun: str) -> str:
        """'3 outfits' / '코디 3개'."""
        one, many, korean = NOUNS[noun]
        if self.lang == "ko":
            return korean.format(n=n)
        return f"{n} {one if n == 1 else many}"

    def percent(self, p: float) -> str:
        return f"{p:.0%}"

    def cluster(self, key: str | None, plural: bool = False) -> str:
        """A cluster as words: 'shirt|navy' → 'navy shirt(s)' / '네이비 셔츠'."""
        if not key:
            return self.say("unclustered")
        mid, color = split_cluster_key(key)
        if self.lang == "ko":
            kind = KINDS_KO.get(mid, mid)
            return kind if color == UNKNOWN_COLOR else f"{COLORS_KO.get(color, color)} {kind}"
        words = mid if color == UNKNOWN_COLOR else f"{color} {mid}"
        return words if not plural or words.endswith("s") else f"{words}s"

    def label(self, name: str) -> str:
        """A style or season: 'street' / '스트릿'."""
        return LABELS_KO.get(name, name) if self.lang == "ko" else name

    def category(self, name: str) -> str:
        return CATEGORIES_KO.get(name, name) if self.lang == "ko" else name

    def sentence(self, english: str | None) -> str | None:
        """A whole sentence the code writes in English (SENTENCES_KO), in this language."""
        if english is None or self.lang != "ko":
            return english
        return SENTENCES_KO.get(english, english)


@dataclass(frozen=True)
class Note:
    """A message as a code and its parts, worded at the edge (explain.explain_note)."""

    code: str
    parts: tuple[tuple[str, str], ...] = ()


ENGLISH = Wording("en")
KOREAN = Wording("ko")


def wording(lang: str | None) -> Wording:
    """The wording of a language code (English when None); ValueError for another one."""
    if lang in (None, "en"):
        return ENGLISH
    if lang == "ko":
        return KOREAN
    raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGS)}")
