"""Generate the bundled sample catalog (closet/sample/outfits.json), seeded and reproducible.

Invented brands and product names (Korean and English, in the styles MUSINSA uses) in every big
category — top, bottom, outer, shoes, bag, hat — worn in about a hundred outfits of five looks,
in the snap JSON format of ../shared/data/musinsa-snap-2025/README.md. Items are reused across
outfits (a few often, most once or twice) so clusters co-occur. Every name is checked against
`graph.ingest.normalize` so the mid class and colour the graph derives are the ones intended. Image
URLs point at a reserved, never-resolving host (`.invalid`): the demo draws placeholders.

    python -m closet.sample.generate            # rewrite closet/sample/outfits.json
    python -m closet.sample.generate --check    # exit 1 when the file differs from a fresh run
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.records import SnapItem
from core.vocabulary import CATEGORIES_KO
from graph.ingest.normalize import normalize_item

SEED = 2025
OUTFITS = 110
SAMPLE_PATH = Path(__file__).with_name("outfits.json")
IMAGE_HOST = "https://image.example.invalid"
SHOP_HOST = "https://shop.example.invalid"
SNAP_HOST = "https://snap.example.invalid"


# Garment nouns per mid class: (English forms, Korean forms). Each form must make
# enrich.taxonomy derive that mid class (checked when generating).
GARMENTS: dict[str, tuple[list[str], list[str]]] = {
    "t-shirt": (
        ["T-Shirt", "Tee", "Long Sleeve Tee", "S/S Tee"],
        ["반팔 티셔츠", "긴소매 티셔츠", "오버핏 티셔츠", "그래픽 티셔츠"],
    ),
    "shirt": (
        ["Oxford Shirt", "Check Shirt", "Stripe Shirt", "Camp Collar Shirt"],
        ["스몰체크셔츠", "옥스포드 셔츠", "스트라이프 셔츠", "오픈카라 셔츠"],
    ),
    "knit": (
        ["Cable Knit Sweater", "Crewneck Knit", "Wool Sweater"],
        ["케이블 니트", "울 라운드 니트", "하찌 니트"],
    ),
    "sweatshirt": (["Crewneck Sweatshirt", "Logo Sweatshirt"], ["맨투맨", "로고 스웨트셔츠"]),
    "hoodie": (["Heavy Hoodie", "Logo Hoodie"], ["오버핏 후드 티셔츠", "피그먼트 후디"]),
    "polo": (["Knit Polo", "Pique Polo"], ["피케 폴로 티셔츠", "카라 폴로"]),
    "sleeveless": (["Tank Top", "Sleeveless Top"], ["슬리브리스 탑", "민소매 나시"]),
    "blouse": (["Ruffle Blouse", "Tie Blouse"], ["셔링 블라우스", "리본 블라우스"]),
    "cardigan": (["Knit Cardigan", "Cropped Cardigan"], ["니트 가디건", "크롭 가디건"]),
    "vest": (["Knit Vest", "Utility Vest"], ["니트 베스트", "하찌 조끼"]),
    "jeans": (["Straight Denim Pants", "Wide Jeans"], ["와이드 데님 팬츠", "스트레이트 청바지"]),
    "slacks": (["Wide Slacks", "Pintuck Trousers"], ["세미와이드 슬랙스", "핀턱 슬랙스"]),
    "chinos": (["Chino Pants", "Work Pants"], ["치노 팬츠", "워크 팬츠"]),
    "cargo": (["Cargo Pants", "Parachute Pants"], ["벌룬 카고 팬츠", "와이드 카고 팬츠"]),
    "joggers": (["Jogger Pants", "Track Pants"], ["스웨트 조거 팬츠", "트레이닝 팬츠"]),
    "shorts": (["Sweat Shorts", "Bermuda Shorts"], ["버뮤다 쇼츠", "하프 팬츠"]),
    "skirt": (["Pleated Skirt", "Midi Skirt"], ["플리츠 롱 스커트", "미디 스커트"]),
    "leggings": (["Yoga Leggings", "Flare Leggings"], ["하이웨스트 레깅스", "요가 레깅스"]),
    "jacket": (["Trucker Jacket", "Work Jacket"], ["데님 트러커 자켓", "크롭 자켓"]),
    "blouson": (["MA-1 Bomber Jacket", "Varsity Jacket"], ["스타디움 점퍼", "항공 점퍼"]),
    "coat": (["Single Coat", "Trench Coat", "Mac Coat"], ["울 싱글 코트", "트렌치 코트"]),
    "padding": (["Down Puffer Jacket", "Short Padding"], ["숏 패딩", "덕다운 푸퍼"]),
    "windbreaker": (["Nylon Anorak", "Coach Jacket"], ["바람막이 자켓", "아노락"]),
    "blazer": (["Tailored Blazer", "Single Blazer"], ["오버핏 블레이저", "싱글 블레이저"]),
    "fleece": (["Fleece Jacket", "Boa Fleece"], ["뽀글이 후리스 자켓", "보아 플리스"]),
    "track-jacket": (["Track Jacket", "Track Top"], ["트랙 자켓", "트랙탑"]),
    "sneakers": (["Canvas Sneakers", "Runner Sneakers"], ["레더 스니커즈", "로우탑 스니커즈"]),
    "boots": (["Chelsea Boots", "Lace-Up Boots"], ["첼시 부츠", "워커 부츠"]),
    "loafers": (["Penny Loafer", "Derby Shoes"], ["페니 로퍼", "더비 슈즈"]),
    "sandals": (["Slide Sandals", "Strap Sandals"], ["스트랩 샌들", "슬라이드 샌들"]),
    "backpack": (["Daypack Backpack", "Roll Top Backpack"], ["나일론 백팩", "데이팩"]),
    "tote": (["Tote Bag", "Shopper Tote"], ["에코백", "토트백"]),
    "crossbody": (["Mini Crossbody Bag", "Sling Bag"], ["메신저 백", "슬링백"]),
    "shoulder-bag": (["Hobo Shoulder Bag", "Bucket Bag"], ["미니 숄더백", "버킷백"]),
    "cap": (["6 Panel Cap", "Ball Cap"], ["볼캡", "워싱 볼캡"]),
    "beanie": (["Ribbed Beanie", "Short Beanie"], ["골지 비니", "숏 비니"]),
    "bucket-hat": (["Bucket Hat", "Reversible Bucket Hat"], ["버킷햇", "리버서블 버킷햇"]),
}

# Colour family -> (English names, Korean names); each must map back to the family.
COLORS: dict[str, tuple[list[str], list[str]]] = {
    "black": (["Black", "Jet Black"], ["블랙"]),
    "white": (["White", "Optic White"], ["화이트"]),
    "ivory": (["Ivory", "Cream", "Ecru"], ["아이보리", "크림"]),
    "grey": (["Grey", "Melange Grey", "Light Grey"], ["그레이", "라이트그레이"]),
    "charcoal": (["Charcoal", "Dark Grey"], ["차콜", "다크그레이"]),
    "navy": (["Navy", "Dark Navy"], ["네이비", "다크 네이비"]),
    "blue": (["Blue", "Mid Blue", "Cobalt"], ["블루", "미디엄 블루"]),
    "sky-blue": (["Sky Blue", "Light Blue"], ["스카이블루", "연청"]),
    "beige": (["Beige", "Oatmeal", "Sand"], ["베이지", "오트밀"]),
    "brown": (["Brown", "Chocolate", "Mocha"], ["브라운", "다크브라운"]),
    "khaki": (["Khaki", "Olive"], ["카키", "올리브"]),
    "green": (["Green", "Forest Green"], ["그린", "포레스트 그린"]),
    "red": (["Red", "Burgundy"], ["레드", "버건디"]),
    "pink": (["Pink", "Dusty Pink"], ["핑크", "베이비핑크"]),
    "purple": (["Purple", "Lavender"], ["퍼플", "라벤더"]),
    "yellow": (["Yellow", "Mustard"], ["옐로우", "머스타드"]),
    "orange": (["Orange", "Terracotta"], ["오렌지", "테라코타"]),
}

ADJECTIVES_EN = [
    "Town",
    "Daily",
    "Relaxed",
    "Boxy",
    "Essential",
    "Studio",
    "Weekend",
    "Heavyweight",
    "Classic",
    "Easy",
    "Corduroy",
    "Twill",
    "Waffle",
    "Ripstop",
    "Garment Dyed",
    "Loose Fit",
    "Semi Over",
    "Signature",
    "Archive",
    "Seoul",
]
ADJECTIVES_KO = [
    "데이시즌",
    "데일리",
    "릴렉스드",
    "베이직",
    "세미오버",
    "에센셜",
    "헤비웨이트",
    "코듀로이",
    "와플",
    "피그먼트",
    "루즈핏",
    "투턱",
    "시그니처",
    "아카이브",
    "소프트",
    "캠퍼스",
    "모던",
    "클래식",
    "이지",
    "라운지",
]
BRANDS_EN = [
    "Harbor Lane",
    "QUIET FORM",
    "Mono Studio",
    "FIELDNOTE",
    "Sunday Supply",
    "Paper Moon",
    "ORBIT WORKS",
    "Common Ground",
    "Little Hours",
    "NORTH ALLEY",
]
BRANDS_KO = [
    "모노웨이브",
    "어반노트",
    "써니사이드",
    "데이브레이크",
    "하루공방",
    "포근상점",
    "브릭레인",
    "오늘의결",
    "소월",
    "무드온",
]

PRICE_RANGE = {
    "top": (19, 129),
    "bottom": (29, 149),
    "outer": (69, 389),
    "shoes": (49, 259),
    "bag": (25, 189),
    "hat": (15, 59),
}


@dataclass(frozen=True)
class Look:
    """A style of outfit: its snap style, genders, colour palette and mid classes per category."""

    name: str
    style: str
    genders: tuple[str, ...]
    palette: tuple[str, ...]
    mids: dict[str, tuple[str, ...]]
    items: dict[str, int]  # how many distinct items per big category
    phrases: tuple[str, ...]


LOOKS: tuple[Look, ...] = (
    Look(
        "minimal",
        "미니멀",
        ("MALE", "FEMALE"),
        ("black", "white", "grey", "charcoal", "navy", "ivory", "beige"),
        {
            "top": ("shirt", "knit", "t-shirt"),
            "bottom": ("slacks", "chinos", "skirt"),
            "outer": ("coat", "blazer", "cardigan"),
            "shoes": ("loafers", "boots"),
            "bag": ("tote", "shoulder-bag"),
            "hat": ("beanie", "bucket-hat"),
        },
        {"top": 13, "bottom": 10, "outer": 9, "shoes": 7, "bag": 5, "hat": 4},
        (
            "톤온톤으로 차분하게 맞춘 출근룩",
            "군더더기 없이 깔끔한 모노톤 코디",
            "셔츠 한 장으로 완성하는 미니멀 스타일링",
        ),
    ),
    Look(
        "denim",
        "캐주얼",
        ("MALE", "FEMALE"),
        ("blue", "sky-blue", "white", "ivory", "beige", "brown", "navy"),
        {
            "top": ("shirt", "t-shirt", "sweatshirt", "polo"),
            "bottom": ("jeans", "chinos", "shorts"),
            "outer": ("jacket", "cardigan", "vest"),
            "shoes": ("sneakers", "loafers"),
            "bag": ("tote", "backpack"),
            "hat": ("cap",),
        },
        {"top": 13, "bottom": 10, "outer": 8, "shoes": 7, "bag": 5, "hat": 4},
        (
            "데님 온 데님으로 힘을 뺀 주말 코디",
            "청바지에 셔츠를 더한 꾸안꾸 데일리룩",
            "캠퍼스에서 입기 좋은 편안한 캐주얼",
        ),
    ),
    Look(
        "street",
        "스트릿",
        ("MALE", "FEMALE"),
        ("black", "grey", "khaki", "red", "green", "orange", "purple"),
        {
            "top": ("hoodie", "t-shirt", "sweatshirt"),
            "bottom": ("cargo", "joggers", "jeans"),
            "outer": ("blouson", "windbreaker", "padding"),
            "shoes": ("sneakers", "boots"),
            "bag": ("crossbody", "backpack"),
            "hat": ("cap", "beanie"),
        },
        {"top": 12, "bottom": 10, "outer": 9, "shoes": 7, "bag": 5, "hat": 5},
        (
            "포인트 컬러로 경쾌하게 완성한 스트릿 룩",
            "오버핏 후디와 카고 팬츠의 조합",
            "레이어드로 개성을 살린 스트릿 스타일링",
        ),
    ),
    Look(
        "sporty",
        "스포티",
        ("MALE", "FEMALE"),
        ("navy", "white", "black", "green", "yellow", "sky-blue", "grey"),
        {
            "top": ("t-shirt", "sleeveless", "polo"),
            "bottom": ("joggers", "shorts", "leggings"),
            "outer": ("track-jacket", "windbreaker", "fleece"),
            "shoes": ("sneakers", "sandals"),
            "bag": ("crossbody", "backpack"),
            "hat": ("cap", "bucket-hat"),
        },
        {"top": 12, "bottom": 10, "outer": 8, "shoes": 7, "bag": 5, "hat": 5},
        (
            "러닝 후 카페까지 이어지는 애슬레저 룩",
            "트랙 자켓으로 레트로하게 연출한 스포티 코디",
            "가볍고 활동적인 주말 운동 코디",
        ),
    ),
    Look(
        "soft",
        "캐주얼",
        ("FEMALE", "FEMALE", "MALE"),
        ("pink", "ivory", "beige", "purple", "sky-blue", "yellow", "white"),
        {
            "top": ("blouse", "knit", "cardigan", "t-shirt"),
            "bottom": ("skirt", "slacks", "jeans"),
            "outer": ("cardigan", "coat", "jacket"),
            "shoes": ("loafers", "sandals", "sneakers"),
            "bag": ("shoulder-bag", "tote"),
            "hat": ("bucket-hat", "cap"),
        },
        {"top": 13, "bottom": 10, "outer": 8, "shoes": 7, "bag": 5, "hat": 4},
        (
            "파스텔 톤으로 화사하게 꾸민 봄 나들이 룩",
            "니트와 스커트로 완성한 러블리 데일리룩",
            "부드러운 컬러 매치가 돋보이는 데이트 코디",
        ),
    ),
)

SEASONS = ("봄", "여름", "가을", "겨울")
OUTER_CHANCE = {"봄": 0.6, "여름": 0.1, "가을": 0.8, "겨울": 0.95}
EXTRA_CHANCE = {"shoes": 0.7, "bag": 0.35, "hat": 0.3}
HASHTAGS = ("데일리룩", "코디추천", "오오티디", "ootd", "스냅", "데일리", "남친룩", "여친룩")


class SampleError(RuntimeError):
    """The generator produced a name the normaliser reads differently (a vocabulary bug)."""


def _product_name(rng: random.Random, mid: str, color: str) -> str:
    english = rng.random() < 0.5
    garments = GARMENTS[mid][0 if english else 1]
    colors = COLORS[color][0 if english else 1]
    garment, color_word = rng.choice(garments), rng.choice(colors)
    if english:
        adjective = rng.choice(ADJECTIVES_EN)
        form = rng.randrange(3)
        if form == 0:
            return f"{adjective} {garment} [{color_word.upper()}]"
        if form == 1:
            return f"{adjective} {garment} - {color_word}"
        return f"{adjective} {garment}".upper() + f" {color_word}"
    adjective = rng.choice(ADJECTIVES_KO)
    form = rng.randrange(3)
    if form == 0:
        return f"{adjective} {garment} {color_word}"
    if form == 1:
        return f"{adjective} {garment} [{color_word}]"
    return f"{adjective} {garment} ({color_word})"


def _check(record: dict[str, Any], mid: str, color: str) -> None:
    row = normalize_item(SnapItem.model_validate(record))
    if row is None or row.mid_class != mid or row.color != color:
        got = None if row is None else (row.category, row.mid_class, row.color)
        raise SampleError(f"{record['name']!r}: meant ({mid}, {color}), normalised as {got}")


def _make_items(rng: random.Random) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The catalog: item records per (look, big category), most popular first."""
    used_ids: set[str] = set()
    used_names: set[str] = set()
    pools: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for look in LOOKS:
        brands = rng.sample(BRANDS_EN, 3) + rng.sample(BRANDS_KO, 3)
        for big, count in look.items.items():
            colors = rng.sample(look.palette, 3)  # few colours per category: clusters recur
            pool = []
            while len(pool) < count:
                mid = look.mids[big][len(pool) % len(look.mids[big])]
                color = rng.choice(colors)
                name = _product_name(rng, mid, color)
                if name in used_names:
                    continue
                item_id = str(rng.randrange(3_000_000, 6_000_000))
                if item_id in used_ids:
                    continue
                low, high = PRICE_RANGE[big]
                record = {
                    "item_id": item_id,
                    "category": CATEGORIES_KO[big],
                    "brand": rng.choice(brands),
                    "name": name,
                    "price": rng.randrange(low, high + 1) * 1000 - rng.choice((0, 0, 100, 1000)),
                    "image_url": f"{IMAGE_HOST}/goods/{item_id}_500.jpg",
                    "purchase_url": f"{SHOP_HOST}/goods/{item_id}",
                    "image_urls": [],
                }
                _check(record, mid, color)
                used_ids.add(item_id)
                used_names.add(name)
                pool.append(record)
            pools[(look.name, big)] = pool
    return pools


def _pick(rng: random.Random, pool: list[dict[str, Any]], unused: set[str]) -> dict[str, Any]:
    """An unused item half of the time (so every item is worn), else a popular one."""
    fresh = [item for item in pool if item["item_id"] in unused]
    if fresh and rng.random() < 0.5:
        return rng.choice(fresh)
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(pool))]
    return rng.choices(pool, weights=weights)[0]


def _outfit(
    rng: random.Random,
    look: Look,
    pools: dict[tuple[str, str], list[dict[str, Any]]],
    unused: set[str],
    must: dict[str, Any] | None = None,
) -> dict[str, Any]:
    season = rng.choice(SEASONS)
    bigs = ["top", "bottom"]
    if rng.random() < OUTER_CHANCE[season]:
        bigs.insert(0, "outer")
    bigs += [big for big, chance in EXTRA_CHANCE.items() if rng.random() < chance]
    chosen: dict[str, dict[str, Any]] = {}
    if must is not None:
        big = next(b for (name, b), pool in pools.items() if name == look.name and must in pool)
        chosen[big] = must
        if big not in bigs:
            bigs.append(big)
    for big in bigs:
        if big in chosen:
            continue
        source = look
        if rng.random() < 0.12:  # borrow a piece from another look now and then
            source = rng.choice(LOOKS)
        chosen[big] = _pick(rng, pools[(source.name, big)], unused)
    order = [big for big in bigs if big in chosen][:5]
    items = []
    for position, big in enumerate(order, start=1):
        unused.discard(chosen[big]["item_id"])
        items.append({**chosen[big], "position": position})
    outfit_id = str(rng.randrange(10**18, 2 * 10**18))
    tags = [look.style, season, *rng.sample(HASHTAGS, 3)]
    tags += [f"{GARMENTS[_mid_of(items[0], look)][1][0].split()[-1]}코디"]
    return {
        "outfit_id": outfit_id,
        "gender": rng.choice(look.genders),
        "detail_url": f"{SNAP_HOST}/snap/{outfit_id}",
        "image_url": f"{IMAGE_HOST}/snap/{outfit_id}.jpg",
        "items": items,
        "season": season,
        "style": look.style,
        "description": f"{rng.choice(look.phrases)} " + " ".join(f"#{t}" for t in tags),
    }


def _mid_of(item: dict[str, Any], look: Look) -> str:
    row = normalize_item(SnapItem.model_validate(item))
    return row.mid_class if row and row.mid_class else look.mids["top"][0]


def generate(seed: int = SEED, outfits: int = OUTFITS) -> list[dict[str, Any]]:
    """The sample outfits (a JSON-ready list in the snap format), the same for the same seed."""
    rng = random.Random(seed)
    pools = _make_items(rng)
    unused = {item["item_id"] for pool in pools.values() for item in pool}
    result: list[dict[str, Any]] = []
    seen_ids: set[str] = set()
    for index in range(outfits):
        outfit = _outfit(rng, LOOKS[index % len(LOOKS)], pools, unused)
        if outfit["outfit_id"] not in seen_ids:
            seen_ids.add(outfit["outfit_id"])
            result.append(outfit)
    # items no outfit has worn yet: each gets an outfit of its own look
    for (look_name, _big), pool in pools.items():
        look = next(lk for lk in LOOKS if lk.name == look_name)
        for item in pool:
            if item["item_id"] in unused:
                outfit = _outfit(rng, look, pools, unused, must=item)
                seen_ids.add(outfit["outfit_id"])
                result.append(outfit)
    return result


def render(outfits: list[dict[str, Any]]) -> str:
    """The file text (UTF-8 JSON, Korean kept readable)."""
    return json.dumps(outfits, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the sample file (or check that it is up to date)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--out", type=Path, default=SAMPLE_PATH)
    args = parser.parse_args(argv)
    text = render(generate())
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(
                f"{args.out} is out of date: run python -m closet.sample.generate", file=sys.stderr
            )
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(text, encoding="utf-8")
    data = json.loads(text)
    items = {i["item_id"] for o in data for i in o["items"]}
    refs = sum(len(o["items"]) for o in data)
    print(f"wrote {args.out}: {len(data)} outfits, {len(items)} items, {refs} item references")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
