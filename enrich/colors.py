"""Colour families: canonical RGB, colour words in product names, nearest family in CIELAB.

About fifteen families, as a shopper names them. Product names carry the colour in Korean or
English ("스카이블루", "Dark Navy", "[MELANGE GREY]", "(카키/블루)"); the colour option usually
comes last, so the last run of colour words wins, and in a run such as "블랙/아이보리" the first
one (the main colour). Modifiers pick a neighbouring family: light blue is sky-blue, dark grey is
charcoal, dark indigo navy. Pixels are mapped to the nearest family by CIEDE2000 in CIELAB.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from core.vocabulary import COLOR_FAMILIES
from enrich.literals import LiteralIndex

# Colour word -> family. Multi-word keys match with or without spaces/hyphens in between.
_WORDS: dict[str, str] = {}


def _add(family: str, *words: str) -> None:
    for word in words:
        _WORDS[word] = family


# fmt: off
_add("black", "black", "블랙", "검정", "검은", "흑청", "ebony", "noir", "누아르", "jet black",
     "onyx", "흑색",
     "washed black", "워시드 블랙", "stone black", "스톤 블랙", "blk", "bk")
_add("white", "white", "화이트", "흰", "흰색", "wh", "snow", "스노우", "optic white", "퓨어 화이트",
     "pure white", "백색")
_add("ivory", "ivory", "아이보리", "cream", "크림", "creme", "crème", "iv", "off white",
     "오프 화이트",
     "오프화이트",
     "ecru", "에크루", "bone", "본", "natural", "내추럴", "내츄럴", "vanilla", "바닐라",
     "milk", "밀크", "butter cream", "egg shell", "eggshell", "white melange", "화이트 멜란지")
_add("grey", "grey", "gray", "그레이", "회색", "gy", "멜란지", "melange", "멜란쥐", "heather grey",
     "heather gray", "헤더 그레이", "silver", "실버", "ash", "애쉬", "light grey", "light gray",
     "라이트 그레이", "라이트그레이", "cement", "시멘트", "smoke", "스모크", "mid grey",
     "medium grey", "medium gray", "미디엄 그레이", "중회색", "블루 그레이", "blue grey",
     "blue gray", "greyish", "grayish", "연회색")
_add("charcoal", "charcoal", "차콜", "챠콜", "chacoal", "charcoal grey", "charcoal gray",
     "차콜 그레이",
     "차콜그레이",
     "dark grey", "dark gray", "다크 그레이",
     "다크그레이", "딥 그레이", "deep grey", "deep gray", "carbon", "카본", "ch", "먹색",
     "graphite",
     "그라파이트", "anthracite", "gunmetal", "slate", "슬레이트", "진회색")
_add("navy", "navy", "네이비", "곤색", "nv", "dark navy", "다크 네이비", "indigo", "인디고", "진청",
     "dark blue", "다크 블루", "다크블루", "deep blue", "딥 블루", "딥블루", "midnight",
     "미드나잇", "raw indigo", "dark indigo", "다크 인디고", "네이비블루", "navy blue", "marine",
     "마린", "ink", "잉크")
_add("blue", "blue", "블루", "파랑", "청색", "mid blue", "medium blue", "미디엄 블루", "중청",
     "royal blue", "로얄 블루", "cobalt", "코발트", "denim", "데님", "vintage blue",
     "빈티지 블루", "medium indigo", "미디엄 인디고", "mid indigo", "washed blue", "청",
     "ocean", "오션")
_add("sky-blue", "sky blue", "skyblue", "sky", "스카이 블루", "스카이블루", "스카이", "light blue",
     "라이트 블루", "라이트블루", "baby blue", "베이비 블루", "베이비블루", "연청", "pale blue",
     "powder blue", "파우더 블루", "ice blue", "아이스 블루", "아이스블루", "light indigo",
     "라이트 인디고", "aqua blue", "아쿠아블루", "아쿠아 블루", "연하늘", "하늘", "하늘색", "aqua",
     "아쿠아", "mint blue",
     "sax",
     "삭스", "bleach", "블리치", "light wash", "라이트 워시")
_add("beige", "beige", "베이지", "sand", "샌드", "camel", "카멜", "oatmeal", "오트밀", "tan",
     "taupe", "타우프", "토프", "almond", "아몬드", "mushroom", "머쉬룸", "bg", "khaki beige",
     "카키 베이지",
     "카키베이지", "dark beige", "다크 베이지", "다크베이지",
     "light beige",
     "라이트 베이지", "stone", "스톤", "oat", "오트", "latte", "라떼", "biscuit", "nude",
     "누드", "greige", "그레이지", "wheat", "fawn", "linen", "sand beige", "mocha beige")
_add("brown", "brown", "브라운", "갈색", "chocolate", "초콜릿", "초코", "choco", "mocha", "모카",
     "coffee", "커피", "mud", "머드", "bark", "cocoa", "코코아", "chestnut", "walnut", "월넛",
     "cognac",
     "코냑",
     "dark brown", "다크 브라운", "다크브라운", "rust", "러스트", "tobacco", "토바코",
     "espresso", "에스프레소", "caramel", "카라멜", "캬라멜", "burnt", "umber", "sepia", "brick",
     "브릭",
     "teak", "dune")
_add("khaki", "khaki", "카키", "kh", "olive", "올리브", "military", "밀리터리", "army", "아미",
     "moss", "모스", "dark olive", "다크 올리브", "olive green", "올리브 그린", "khaki green",
     "카키 그린", "sage", "세이지", "fatigue")
_add("green", "green", "그린", "초록", "녹색", "mint", "민트", "evergreen", "forest", "포레스트",
     "emerald",
     "에메랄드", "lime", "라임", "bottle green", "dark green", "다크 그린", "다크그린",
     "deep green", "딥 그린", "딥그린", "teal", "틸", "pistachio", "피스타치오", "kelly",
     "jade", "turquoise", "터콰이즈", "clover")
_add("red", "red", "레드", "빨강", "빨간", "burgundy", "버건디", "wine", "와인", "bordeaux",
     "보르도", "maroon", "마룬", "crimson", "cherry", "체리", "scarlet", "tomato",
     "dark red", "다크 레드", "deep red", "딥 레드", "oxblood", "ruby")
_add("pink", "pink", "핑크", "분홍", "rose", "로즈", "coral pink", "코랄 핑크", "peach", "피치",
     "salmon", "연어", "blush", "블러쉬", "블러썸", "blossom", "magenta", "마젠타",
     "fuchsia", "푸시아", "hot pink", "핫핑크", "baby pink", "베이비 핑크", "베이비핑크",
     "dusty pink", "light pink", "라이트 핑크", "라이트핑크", "딥핑크", "deep pink", "strawberry",
     "스트로베리", "rosy", "로지", "mauve", "모브")
_add("purple", "purple", "퍼플", "보라", "violet", "바이올렛", "lavender", "라벤더", "lilac",
     "라일락", "plum", "플럼", "mulberry", "멀베리", "grape", "그레이프", "orchid", "eggplant",
     "aubergine",
     "light purple", "라이트 퍼플")
_add("yellow", "yellow", "옐로우", "옐로", "노랑", "노란", "mustard", "머스타드", "머스터드",
     "lemon", "레몬", "butter", "버터", "gold", "골드", "canary", "banana", "바나나",
     "mellow", "멜로우", "citron", "lime yellow", "ochre", "오커", "honey", "허니")
_add("orange", "orange", "오렌지", "주황", "coral", "코랄", "tangerine", "탠저린", "apricot",
     "애프리콧", "살구", "terracotta", "테라코타", "pumpkin", "mandarin", "amber")

# fmt: on

# Words that are only a colour when nothing better is in the same run ("white melange" is
# white-ish, "melange" alone grey).
_WEAK = frozenset(
    {
        "멜란지",
        "melange",
        "멜란쥐",
        "denim",
        "데님",
        "natural",
        "내추럴",
        "내츄럴",
        "stone",
        "스톤",
        "청",
        "본",
        "bone",
        "milk",
        "밀크",
        "ash",
        "애쉬",
    }
)
# Korean words that must stand alone (not be part of a longer Hangul word).
_STANDALONE = frozenset(
    {
        "청",
        "본",
        "틸",
        "모스",
        "아미",
        "스카이",
        "하늘",
        "오트",
        "버터",
        "커피",
        "허니",
        "체리",
        "연어",
        "오션",
        "마린",
        "잉크",
        "크림",
        "브릭",
        "초코",
        "로지",
        "삭스",
        "밀크",
        "바닐라",
        "레몬",
        "라임",
        "골드",
        "애쉬",
        "스톤",
        "샌드",
        "모카",
        "피치",
        "라떼",
    }
)
# Garment words that contain a colour word ("블루종" is a blouson, not blue).
_BLOCKERS = (
    "블루종",
    "골드버그",
    "크림슨",
    "아미드",
    "스모크드",
    "샌드위치",
    "라임라이트",
    "wine glass",
    "natural dye",
)
# Families that, first in a run of adjacent words, name the main colour of a two-colour item
# ("WHITE NAVY" stripes) rather than a shade of the next word ("khaki brown" is brown).
_LIST_LEADERS = frozenset({"black", "white", "navy", "ivory"})
_SEPARATORS = re.compile(r"^[\s/,&:+·|_\-]*(?:and|&|x)?[\s/,&:+·|_\-]*$")


def _pattern(word: str) -> str:
    parts = [re.escape(p) for p in word.split(" ")]
    body = r"[\s\-_]*".join(parts)
    if word.isascii():
        return rf"(?<![a-z]){body}(?![a-z])"
    if word in _STANDALONE:
        return rf"(?<![가-힣]){body}(?![가-힣])"
    return body


@cache
def _compiled() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(literal that must occur, word, pattern) for every colour word, longest words first."""
    words = sorted(_WORDS, key=len, reverse=True)
    return tuple((w.split(" ")[0], w, re.compile(_pattern(w))) for w in words)


@cache
def _compiled_index() -> LiteralIndex:
    return LiteralIndex([literal for literal, _, _ in _compiled()])


@cache
def _blockers() -> re.Pattern[str]:
    return re.compile("|".join(r"[\s\-_]*".join(map(re.escape, b.split(" "))) for b in _BLOCKERS))


def _mask_blockers(text: str) -> str:
    return _blockers().sub(lambda m: " " * len(m.group(0)), text)


def family_words(family: str) -> tuple[str, ...]:
    """The words that name a colour family (English and Korean), as the name reader knows them."""
    return tuple(word for word, named in _WORDS.items() if named == family)


def color_words(name: str) -> list[tuple[int, int, str, str]]:
    """Every colour word in a name as (start, end, word, family), in order, longest first
    where two overlap."""
    text = _mask_blockers(name.lower())
    compiled = _compiled()
    hits = [
        (m.start(), m.end(), word)
        for literal, word, pattern in (compiled[n] for n in _compiled_index().candidates(text))
        if literal in text
        for m in pattern.finditer(text)
    ]
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    found: list[tuple[int, int, str, str]] = []
    for start, end, word in hits:
        if found and start < found[-1][1]:
            continue
        found.append((start, end, word, _WORDS[word]))
    return found


def color_from_name(name: str) -> str | None:
    """The colour family a product name states, or None when it names none.

    The last run of colour words (adjacent or separated by '/', ',', '&', ':', '-') is the colour
    option: a list whose first item is the main colour; an item of several adjacent words is a
    compound named by its last word ("sage green" is green, "sand blue" blue).
    """
    if not name:
        return None
    found = color_words(name)
    if not found:
        return None
    text = name.lower()
    # the last run of colour words: a list ("블랙/아이보리") of compounds ("sage green")
    groups = [[found[-1]]]
    for previous in reversed(found[:-1]):
        gap = text[previous[1] : groups[0][0][0]]
        if not _SEPARATORS.match(gap):
            break
        if gap.strip():  # a list separator: a new item of the list
            groups.insert(0, [previous])
        else:  # adjacent words: one compound colour
            groups[0].insert(0, previous)
    for group in groups:  # the main colour is the first item of the list ...
        strong = [w for w in group if w[2] not in _WEAK]
        if strong and strong[0][3] in _LIST_LEADERS:
            return strong[0][3]  # "WHITE NAVY", "화이트 블랙": two colours, main first
        if strong:
            return strong[-1][3]  # ... and a compound is named by its last word
    first = groups[0][0]
    if first[2] in {"멜란지", "melange", "멜란쥐", "ash", "애쉬"}:
        return "grey"  # "(멜란지)" alone is grey
    earlier_strong = [w for w in found if w[2] not in _WEAK]
    if earlier_strong:  # "데님" alone is blue only when no stronger colour is named
        return earlier_strong[-1][3]
    return first[3]


# ---------------------------------------------------------------- CIELAB and nearest family


def srgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of sRGB values in 0..255, shape (..., 3)."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    # fmt: off
    m = np.array(
        [[0.4124564, 0.3575761, 0.1804375],
         [0.2126729, 0.7151522, 0.0721750],
         [0.0193339, 0.1191920, 0.9503041]]
    )
    # fmt: on
    xyz = c @ m.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    lightness = 116 * f[..., 1] - 16
    a = 500 * (f[..., 0] - f[..., 1])
    b = 200 * (f[..., 1] - f[..., 2])
    return np.stack([lightness, a, b], axis=-1)


def delta_e2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """CIEDE2000 colour difference between broadcastable arrays of CIELAB colours."""
    l1, a1, b1 = np.moveaxis(np.asarray(lab1, dtype=np.float64), -1, 0)
    l2, a2, b2 = np.moveaxis(np.asarray(lab2, dtype=np.float64), -1, 0)
    c1, c2 = np.hypot(a1, b1), np.hypot(a2, b2)
    c_bar = (c1 + c2) / 2
    g = 0.5 * (1 - np.sqrt(c_bar**7 / (c_bar**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dl = l2 - l1
    dc = c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(c1p * c2p == 0, 0, dh)
    d_big_h = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_bar = (l1 + l2) / 2
    cp_bar = (c1p + c2p) / 2
    h_sum = h1p + h2p
    hp_bar = np.where(
        c1p * c2p == 0,
        h_sum,
        np.where(
            np.abs(h1p - h2p) <= 180,
            h_sum / 2,
            np.where(h_sum < 360, (h_sum + 360) / 2, (h_sum - 360) / 2),
        ),
    )
    t = (
        1
        - 0.17 * np.cos(np.radians(hp_bar - 30))
        + 0.24 * np.cos(np.radians(2 * hp_bar))
        + 0.32 * np.cos(np.radians(3 * hp_bar + 6))
        - 0.20 * np.cos(np.radians(4 * hp_bar - 63))
    )
    d_theta = 30 * np.exp(-(((hp_bar - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp_bar**7 / (cp_bar**7 + 25.0**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / np.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return np.sqrt(
        (dl / s_l) ** 2
        + (dc / s_c) ** 2
        + (d_big_h / s_h) ** 2
        + r_t * (dc / s_c) * (d_big_h / s_h)
    )


@cache
def _family_lab() -> tuple[tuple[str, ...], np.ndarray]:
    names = tuple(COLOR_FAMILIES)
    return names, srgb_to_lab(np.array([COLOR_FAMILIES[n] for n in names], dtype=np.float64))


def nearest_family(rgb: tuple[int, int, int] | np.ndarray) -> tuple[str, float]:
    """The colour family nearest to an sRGB colour (CIEDE2000), with its ΔE."""
    names, labs = _family_lab()
    distances = delta_e2000(srgb_to_lab(np.asarray(rgb, dtype=np.float64))[None, :], labs)
    best = int(np.argmin(distances))
    return names[best], float(distances[best])


def family_rgb(family: str | None) -> tuple[int, int, int] | None:
    """The canonical RGB of a family (None for an unknown or missing family)."""
    return COLOR_FAMILIES.get(family) if family else None
