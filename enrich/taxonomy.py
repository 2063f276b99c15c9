"""Big categories and mid classes of products, from MUSINSA categories and product names.

Big categories are those of the original service: top, bottom, outer, shoes, bag, hat; anything
else (accessories, underwear, dresses, ...) is dropped at ingest. Mid classes come from the
crawled category path when there is one, otherwise from the product name, with Korean and
English keywords (spacing, hyphen and spelling variants). Near-duplicates are unified as the
original did (short- and long-sleeve tees are one "t-shirt", cotton pants are "chinos", bombers,
MA-1 and stadium jackets are "blouson", anoraks, coach and nylon jackets are "windbreaker", ...).

The head noun of a Korean or English product name comes last ("니트 가디건" is a cardigan,
"셔츠 자켓" a jacket), so the last keyword compatible with the big category wins; generic heads
(pants, jacket, t-shirt, bag, hat) give way to a more specific class named before them
("카고 데님 팬츠" is jeans, "다운 패딩 재킷" padding, "후드 티셔츠" a hoodie).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from enrich.literals import LiteralIndex

# Raw big category (MUSINSA Korean names, English names, MUSINSA category codes) -> big class.
# Values of None are known categories that are dropped on purpose.
# fmt: off
_BIG_ALIASES: dict[str, str | None] = {
    # top
    "상의": "top", "top": "top", "tops": "top", "001": "top",
    # bottom (MUSINSA lists skirts as a category of their own; we keep them as bottoms)
    "하의": "bottom", "바지": "bottom", "팬츠": "bottom", "bottom": "bottom", "bottoms": "bottom",
    "pants": "bottom", "trousers": "bottom", "003": "bottom", "스커트": "bottom",
    "skirt": "bottom", "skirts": "bottom", "022": "bottom",
    # outer
    "아우터": "outer", "outer": "outer", "outers": "outer", "outerwear": "outer", "002": "outer",
    # shoes
    "신발": "shoes", "shoes": "shoes", "shoe": "shoes", "footwear": "shoes", "스니커즈": "shoes",
    "sneakers": "shoes", "005": "shoes", "018": "shoes", "103": "shoes",
    # bag
    "가방": "bag", "bag": "bag", "bags": "bag", "004": "bag", "054": "bag",
    # hat
    "모자": "hat", "hat": "hat", "hats": "hat", "cap": "hat", "caps": "hat", "007": "hat",
    # dropped on purpose
    "액세서리": None, "악세서리": None, "accessory": None, "accessories": None, "011": None,
    "속옷": None, "언더웨어": None, "underwear": None, "026": None, "원피스": None,
    "dress": None, "dresses": None, "onepiece": None, "020": None, "양말": None, "socks": None,
    "시계": None, "주얼리": None, "jewelry": None, "스포츠": None, "뷰티": None, "beauty": None,
}
# fmt: on
_PATH_SPLIT = re.compile(r"\s*(?:>|/|\||›|»|,)\s*")
_LEVEL_SPLIT = re.compile(r"\s*(?:>|\||›|»)\s*")


def big_category(raw: str | None) -> str | None:
    """The big class (top/bottom/outer/shoes/bag/hat) of a raw category, None when dropped.

    Accepts MUSINSA Korean names (상의, 하의, 아우터, 신발, 가방, 모자), English names, MUSINSA
    category codes ("001", "001005": first three digits) and category paths ("상의 > 셔츠").
    """
    if raw is None:
        return None
    text = raw.strip().lower()
    if not text:
        return None
    if text in _BIG_ALIASES:
        return _BIG_ALIASES[text]
    if re.fullmatch(r"\d{3,}", text):
        return _BIG_ALIASES.get(text[:3])
    first = _PATH_SPLIT.split(text)[0].strip()
    if first != text:
        return big_category(first)
    return None


@dataclass(frozen=True)
class MidClass:
    """A mid class: the big classes it may belong to and the keywords that name it."""

    name: str
    bigs: tuple[str, ...]
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()


T, B, O, S, G, H = "top", "bottom", "outer", "shoes", "bag", "hat"  # noqa: E741

# Keywords: spaces match any run of spaces, hyphens or underscores (or nothing); ASCII keywords
# match whole words (an optional plural 's'/'es' is allowed); a leading '^' on a Korean keyword
# means "not preceded by a Hangul syllable" and a trailing '$' "not followed by one".
# fmt: off
MID_CLASSES: tuple[MidClass, ...] = (
    # tops
    MidClass("t-shirt", (T,),
             ("t shirt", "tshirt", "tee", "티셔츠", "티 셔츠", "long sleeve t", "롱슬리브",
              "long sleeve", "longsleeve", "short sleeve", "half sleeve", "half t", "hf t"),
             ("반팔", "반소매", "긴팔", "긴소매", "l/s", "s/s", "ls", "ss", "lsv", "lst", "top",
              "탑",
              "슬리브$", "sleeve", "sleeved", "티$", "crop top", "크롭탑", "크롭 탑", "t", "jersey",
              "저지", "v neck", "브이넥", "bodysuit", "바디수트", "래쉬가드", "rashguard",
              "rash guard", "base layer", "베이스 레이어", "레이어드", "미드레이어", "mid layer")),
    MidClass("sleeveless", (T,),
             ("sleeveless", "슬리브리스", "민소매", "나시", "tank", "탱크", "cami", "camisole",
              "캐미솔", "캐미", "bustier", "뷔스티에", "corset", "코르셋", "bra top", "브라탑",
              "tube top", "튜브탑", "halter", "halterneck", "halter neck", "홀터", "sports bra",
              "스포츠 브라", "브라$", "sleevless", "slvless")),
    MidClass("polo", (T,),
             ("polo", "폴로", "피케", "pk", "pique", "카라 티", "collar t", "rugby", "럭비")),
    MidClass("sweatshirt", (T,),
             ("sweatshirt", "sweat shirt", "sweat", "스웨트셔츠", "스웨트 셔츠", "스웻셔츠",
              "스웻 셔츠", "스웨트", "스웻", "맨투맨", "mtm", "half zip", "하프 집업", "하프집업",
              "반집업", "anorak shirt"),
             ("crewneck", "crew neck", "크루넥", "크루 넥", "크루$", "crew")),
    MidClass("hoodie", (T,),
             ("hoodie", "hoody", "hood", "hooded", "후드", "후디", "후드 티", "hood t")),
    MidClass("knit", (T,),
             ("knit", "니트", "sweater", "스웨터", "니트웨어", "knitwear", "crochet", "크로쉐"),
             ("pullover", "풀오버", "turtleneck", "turtle neck", "터틀넥", "터틀 넥", "mohair",
              "모헤어", "cable", "케이블", "pola", "폴라")),
    MidClass("shirt", (T,),
             ("shirt", "셔츠", "남방", "셔켓", "shirket", "shacket", "overshirt", "over shirt"),
             ("oxford", "옥스포드")),
    MidClass("blouse", (T,), ("blouse", "블라우스", "off shoulder", "오프숄더", "오프 숄더",
                           "one shoulder", "원숄더")),
    # tops or outers
    MidClass("cardigan", (T, O), ("cardigan", "가디건", "카디건", "cardi", "bolero", "볼레로"),
             ("cd",)),
    MidClass("vest", (T, O), ("vest", "베스트", "조끼", "gilet", "질레", "waistcoat")),
    MidClass("zip-up", (T, O),
             ("zip up", "zipup", "집업", "짚업", "집 업", "zip", "hood zip", "후드 집업",
              "후드집업",
              "zip hoodie", "zip hood")),
    # bottoms
    MidClass("jeans", (B,),
             ("jeans", "jean", "denim", "데님", "청바지", "^진$", "진 팬츠", "jean pants")),
    MidClass("slacks", (B,),
             ("slacks", "slack", "슬랙스", "trousers", "trouser", "suit pants", "수트 팬츠",
              "슈트 팬츠", "dress pants", "tailored pants", "트라우저", "트라우져")),
    MidClass("chinos", (B,),
             ("chino", "chinos", "치노", "cotton pants", "코튼 팬츠", "면바지", "work pants",
              "워크 팬츠", "carpenter", "카펜터", "painter pants", "페인터")),
    MidClass("joggers", (B,),
             ("jogger", "조거", "track pants", "트랙 팬츠", "training pants", "트레이닝 팬츠",
              "트레이닝 바지", "트레이닝", "sweat pants", "sweatpants", "스웨트 팬츠", "스웻 팬츠",
              "스웨트팬츠", "츄리닝", "traning", "wind pants", "윈드 팬츠", "jersey pants",
              "저지 팬츠",
              "track", "트랙", "sweatpant", "jogging", "조깅")),
    MidClass("cargo", (B,),
             ("cargo", "카고", "parachute", "파라슈트", "utility pants", "유틸리티 팬츠")),
    MidClass("shorts", (B,),
             ("shorts", "short pants", "쇼츠", "숏팬츠", "숏 팬츠", "반바지", "버뮤다", "bermuda",
              "하프 팬츠", "half pants", "3부", "5부", "hot pants", "핫팬츠", "트렁크", "trunk",
              "board",
              "short", "쇼트", "숏츠", "조츠", "jorts", "sweatshort", "boxer", "복서", "큐롯",
              "culotte", "biker")),
    MidClass("skirt", (B,), ("skirt", "스커트", "치마", "sk", "skort", "스코트", "스코츠",
                          "pantskirt", "skirtpants", "skirt pants"), ("pleats", "플리츠")),
    MidClass("leggings", (B,), ("leggings", "legging", "레깅스", "레깅")),
    MidClass("pants", (B,), ("pants", "pant", "팬츠", "바지", "boots cut", "bootcut", "부츠컷",
                          "부츠 컷"), ("슬림핏", "wide", "와이드", "pt", "flare", "플레어")),
    MidClass("dress", (B,), ("dress", "드레스", "원피스", "jumpsuit", "점프수트", "overall",
                             "오버롤", "멜빵", "ops", "one piece", "onepiece")),
    # outers
    MidClass("jacket", (O,),
             ("jacket", "자켓", "재킷", "쟈켓", "jk", "jkt", "trucker", "트러커", "rider", "라이더",
              "safari", "사파리", "야상", "field jacket", "hunting", "헌팅", "셔츠 자켓",
              "shirt jacket", "overshirt", "over shirt", "셔켓", "chore", "초어", "쵸어"),
             ("leather", "레더", "suede", "스웨이드")),
    MidClass("blouson", (O,),
             ("blouson", "블루종", "bomber", "봄버", "항공 점퍼", "ma 1", "ma1", "jumper", "점퍼",
              "잠바", "stadium", "스타디움", "varsity", "바시티", "award jacket", "어워드",
              "flight",
              "플라이트")),
    MidClass("coat", (O,),
             ("coat", "코트", "trench", "트렌치", "mac coat", "맥코트", "duffle", "더플",
              "overcoat", "mustang", "무스탕", "shearling", "시어링", "fishtail", "피쉬테일",
              "롱파카", "롱 파카")),
    MidClass("padding", (O,),
             ("padding", "패딩", "puffer", "퍼퍼", "푸퍼", "푸파", "down", "다운", "덕다운",
              "구스", "goose", "parka", "^파카", "숏패딩", "롱패딩", "퀼팅", "quilted", "quilting",
              "패디드", "padded")),
    MidClass("windbreaker", (O,),
             ("windbreaker", "wind breaker", "윈드브레이커", "윈드 브레이커", "바람막이", "anorak",
              "아노락", "coach jacket", "코치 자켓", "코치 재킷", "nylon", "나일론", "wind jacket",
              "윈드 자켓", "anorak parka", "아노락 파카", "shell", "쉘", "windrunner", "윈드러너",
              "mountain",
              "마운틴")),
    MidClass("blazer", (O,),
             ("blazer", "블레이저", "블래이저", "suit jacket", "수트 자켓", "슈트 자켓",
              "tailored", "테일러드", "셋업", "set up", "setup")),
    MidClass("fleece", (O,),
             ("fleece", "플리스", "후리스", "뽀글이", "boa", "보아", "sherpa", "셰르파")),
    MidClass("track-jacket", (O,),
             ("track jacket", "트랙 자켓", "트랙 재킷", "track top", "트랙탑", "트랙 탑",
              "training jacket", "트레이닝 자켓", "트레이닝 재킷", "저지", "jersey jacket",
              "firebird", "파이어버드", "tracksuit", "track suit", "트랙수트",
              "트랙 수트")),
    # shoes
    MidClass("sneakers", (S,),
             ("sneakers", "sneaker", "스니커즈", "스니커", "운동화", "running", "러닝화", "trainer",
              "트레이너", "high top", "하이탑", "low top", "로우탑", "canvas", "캔버스화")),
    MidClass("boots", (S,), ("boots", "boot", "부츠", "워커", "chelsea", "첼시")),
    MidClass("loafers", (S,),
             ("loafer", "로퍼", "derby", "더비", "구두", "oxford shoes", "옥스포드 슈즈", "힐",
              "heel", "pumps", "펌프스", "mary jane", "메리제인", "flat shoes", "플랫 슈즈",
              "flats", "플랫", "brogue", "브로그", "monk", "몽크"),
             ()),
    MidClass("sandals", (S,),
             ("sandals", "sandal", "샌들", "slipper", "슬리퍼", "slide", "슬라이드", "flip flop",
              "쪼리", "mule", "뮬", "clog", "클로그")),
    MidClass("shoes", (S,), (), ("shoes", "shoe", "슈즈", "신발")),
    # bags
    MidClass("backpack", (G,), ("backpack", "백팩", "rucksack", "럭색", "daypack", "데이팩")),
    MidClass("tote", (G,), ("tote", "토트", "에코백", "eco bag", "shopper", "쇼퍼")),
    MidClass("crossbody", (G,),
             ("crossbody", "cross bag", "크로스백", "크로스 백", "messenger", "메신저", "sling",
              "슬링", "hip sack", "힙색", "waist bag", "웨이스트백", "웨이스트 백", "belt bag",
              "벨트백")),
    MidClass("shoulder-bag", (G,),
             ("shoulder bag", "숄더백", "숄더 백", "hobo", "호보", "clutch", "클러치", "pouch",
              "파우치", "bucket bag", "버킷백", "버킷 백")),
    MidClass("bag", (G,), (), ("bag", "백$", "가방")),
    # hats
    MidClass("cap", (H,),
             ("cap", "캡", "ball cap", "볼캡", "baseball", "snapback", "스냅백", "trucker cap",
              "트러커 캡", "camp cap", "캠프캡")),
    MidClass("beanie", (H,), ("beanie", "비니", "watch cap", "와치캡")),
    MidClass("bucket-hat", (H,), ("bucket hat", "bucket", "버킷햇", "버킷 햇", "버킷")),
    MidClass("hat", (H,), (), ("hat", "햇", "모자", "fedora", "페도라", "beret", "베레모",
                               "벙거지")),
)

# fmt: on
MID_CLASS_NAMES: tuple[str, ...] = tuple(m.name for m in MID_CLASSES)
_BY_NAME = {m.name: m for m in MID_CLASSES}

# Generic heads that give way to a more specific compatible class named before them.
_GENERIC_HEADS: dict[str, frozenset[str]] = {
    "pants": frozenset({"jeans", "slacks", "chinos", "joggers", "cargo", "shorts", "leggings"}),
    "jeans": frozenset({"shorts", "skirt", "cargo"}),
    "jacket": frozenset({"padding", "blouson", "windbreaker", "fleece", "blazer", "track-jacket"}),
    "coat": frozenset({"padding"}),
    "slacks": frozenset({"jeans"}),
    "t-shirt": frozenset({"hoodie", "sweatshirt", "polo", "sleeveless", "knit"}),
    "shoes": frozenset({"sneakers", "boots", "loafers", "sandals"}),
    "bag": frozenset({"backpack", "tote", "crossbody", "shoulder-bag"}),
    "hat": frozenset({"cap", "beanie", "bucket-hat"}),
    "zip-up": frozenset({"hoodie", "fleece", "windbreaker", "track-jacket"}),
    "sweatshirt": frozenset({"hoodie", "knit"}),
    "blouson": frozenset({"padding", "fleece"}),
    "vest": frozenset(),
}


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    mid: str
    strong: bool


def _keyword_pattern(keyword: str) -> str:
    head = keyword.startswith("^")
    tail = keyword.endswith("$")
    word = keyword.strip("^$")
    parts = [re.escape(p) for p in word.split(" ")]
    body = r"[\s\-_.]*".join(parts)
    if word.isascii():
        return rf"(?<![a-z0-9]){body}(?:e?s)?(?![a-z])"
    prefix = r"(?<![가-힣])" if head else ""
    suffix = r"(?![가-힣])" if tail else ""
    return prefix + body + suffix


@cache
def _matchers() -> tuple[tuple[str, re.Pattern[str], str, bool], ...]:
    """(literal that must occur, pattern, mid class, strong) for every keyword."""
    compiled = []
    for mid in MID_CLASSES:
        for strong, words in ((True, mid.strong), (False, mid.weak)):
            for word in words:
                word = word.lower()
                literal = word.strip("^$").split(" ")[0]
                compiled.append((literal, re.compile(_keyword_pattern(word)), mid.name, strong))
    return tuple(compiled)


def _normalise(text: str) -> str:
    text = text.lower().replace("ｔ", "t")
    text = re.sub(r"[\[\](){}<>【】]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def _matcher_index() -> LiteralIndex:
    return LiteralIndex([literal for literal, *_ in _matchers()])


def _hits(text: str) -> list[_Hit]:
    """All keyword occurrences, without those contained in a longer occurrence."""
    matchers = _matchers()
    found = [
        _Hit(m.start(), m.end(), mid, strong)
        for literal, pattern, mid, strong in (
            matchers[n] for n in _matcher_index().candidates(text)
        )
        if literal in text
        for m in pattern.finditer(text)
    ]
    kept = [
        h
        for h in found
        if not any(
            (o.start <= h.start and h.end <= o.end) and (o.end - o.start) > (h.end - h.start)
            for o in found
        )
    ]
    return sorted(kept, key=lambda h: (h.end, h.start))


def _pick(hits: list[_Hit], big: str | None) -> str | None:
    def compatible(h: _Hit) -> bool:
        return big is None or big in _BY_NAME[h.mid].bigs

    for pool in (
        [h for h in hits if h.strong and compatible(h)],
        [h for h in hits if compatible(h)],
        [h for h in hits if h.strong],  # the name contradicts the category: trust the name
        hits,
    ):
        if not pool:
            continue
        head = pool[-1]
        mid = head.mid
        # a generic head gives way to the last specific class named before it
        while mid in _GENERIC_HEADS:
            earlier = [h for h in pool if h.start < head.start and h.mid in _GENERIC_HEADS[mid]]
            if not earlier:
                break
            head = earlier[-1]
            mid = head.mid
        return mid
    return None


def mid_class(name: str, big: str | None, category_path: str | None = None) -> str | None:
    """The mid class of a product from its category path (preferred) or its name.

    `big` is the big class (top/bottom/...) or None when unknown; classes incompatible with it
    are ignored (a "스웨트 쇼츠" in bottoms is shorts, not a sweatshirt). Returns None when no
    keyword matches.
    """
    from_name = _pick(_hits(_normalise(name)), big) if name else None
    if category_path:
        segments = [s for s in _LEVEL_SPLIT.split(_normalise(category_path)) if s]
        for segment in reversed(segments[1:] or segments):
            # "셔츠/블라우스" names alternatives: the name says which one, else the first
            options = [_pick(_hits(part), big) for part in segment.split("/")]
            options = [o for o in options if o]
            if options:
                return from_name if from_name in options else options[0]
    return from_name


def mid_class_big(mid: str) -> tuple[str, ...]:
    """The big classes a mid class may belong to (empty for an unknown mid class)."""
    found = _BY_NAME.get(mid)
    return found.bigs if found else ()
