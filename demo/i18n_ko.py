"""The demo's Korean, keyed by its English (demo.i18n). Kinds (mid classes) stay as the taxonomy
names them; colours, categories, styles and seasons are core.vocabulary's."""

from __future__ import annotations

from core.vocabulary import CATEGORIES_KO, COLORS_KO, LABELS_KO

KOREAN: dict[str, str] = {
    **COLORS_KO,
    **CATEGORIES_KO,
    **LABELS_KO,
    # categories as headings
    "Tops": "상의",
    "Bottoms": "하의",
    "Outerwear": "아우터",
    "Shoes": "신발",
    "Bags": "가방",
    "Hats": "모자",
    # the page
    "## closet — what goes with what you own\nPick a piece you own; closet recommends pieces of "
    "every other category that are worn with it in real outfits, and shows those outfits.": (
        "## closet — 내 옷과 어울리는 옷\n가지고 있는 옷을 하나 고르면, 실제 코디에서 함께 입은 "
        "다른 카테고리의 아이템을 추천하고 그 코디를 보여줍니다."
    ),
    "Find a match": "어울리는 옷 찾기",
    "My closet": "내 옷장",
    "Connected to the closet API at `{url}`: {count} in the graph.": (
        "closet API(`{url}`)에 연결됨: 그래프에 {count}"
    ),
    "{n} items": "아이템 {n}개",
    "its items": "아이템",
    # 1 · search
    "### 1 · Find the piece you own": "### 1 · 가지고 있는 옷 찾기",
    "Search": "검색",
    "e.g. 셔츠, chino, denim, 니트 베스트 …": "예: 셔츠, 치노, 데님, 니트 베스트 …",
    "Category": "카테고리",
    "any category": "모든 카테고리",
    "Colour": "색상",
    "any colour": "모든 색상",
    "Loading the catalogue …": "카탈로그를 불러오는 중 …",
    "the filters": "이 조건",
    " in {filters}": " ({filters})",
    "Nothing matches {what}{filters}. Try fewer or other words (Korean or English names and "
    "brands work), another colour, or clear the filters.": (
        "{what}{filters}에 맞는 아이템이 없어요. 다른 단어(한글·영문 상품명과 브랜드 모두 가능), "
        "다른 색상을 써 보거나 조건을 지워 보세요."
    ),
    "**{n}** matches for “{q}”": "“{q}” 검색 결과 **{n}**개",
    "**{n}** match for “{q}”": "“{q}” 검색 결과 **{n}**개",
    "The most worn pieces": "가장 많이 입힌 아이템",
    ". Click the one most like yours.": ". 내 옷과 가장 비슷한 것을 누르세요.",
    # 2 · recommendations
    "### 2 · What goes with it": "### 2 · 어울리는 아이템",
    '<p class="empty-note">Pick an item above to see what goes with it.</p>': (
        '<p class="empty-note">위에서 아이템을 고르면 어울리는 옷을 보여줍니다.</p>'
    ),
    "Ranking model": "추천 모델",
    "best available": "가장 좋은 모델",
    "rule": "규칙",
    "LightGCN": "LightGCN",
    "hybrid": "하이브리드",
    "learned ranker": "학습된 랭커",
    "Pieces per category": "카테고리별 개수",
    "Mix brands: only pieces of other brands than yours": "브랜드 섞기: 내 옷과 다른 브랜드만",
    "Looking for pieces that go with **{name}** …": "**{name}**와(과) 어울리는 아이템을 찾는 중 …",
    "**{count} pieces** in {groups} categories, ranked by the {model}": (
        "{groups}개 카테고리에서 **{count}개 아이템**, {model} 기준 순위"
    ),
    ". Click one to see real outfits that combine it with yours.": (
        ". 하나를 누르면 내 옷과 함께 입은 실제 코디를 보여줍니다."
    ),
    "rule model (co-occurrence in real outfits)": "규칙 모델(실제 코디의 동시 착용)",
    "LightGCN model": "LightGCN 모델",
    "hybrid model (LightGCN blended with the rule model)": "하이브리드 모델(LightGCN + 규칙)",
    "learned ranker (every graph signal, chosen by evaluation)": (
        "학습된 랭커(그래프의 모든 신호, 평가로 선택)"
    ),
    "No real outfit in the data pairs a {kind} with anything yet, nor one of its kind or "
    "colour, so there is nothing to recommend. Pick another piece.": (
        "데이터의 실제 코디 중 {kind}와(과) 함께 입은 것이 아직 없어 추천할 아이템이 없어요. "
        "다른 아이템을 골라 보세요."
    ),
    "The catalogue has no {what} at all.": "카탈로그에 {what}이(가) 하나도 없어요.",
    "No {what} is worn with this piece, or with one of its kind or colour, in the outfits we "
    "know.": "알고 있는 코디 중 이 아이템(또는 같은 종류·색상)과 함께 입은 {what}이(가) 없어요.",
    "outer layer": "아우터",
    "pair of shoes": "신발",
    "{n} picks": "추천 {n}개",
    "{n} pick": "추천 {n}개",
    "Top pick: {why}": "1순위: {why}",
    "{p} goes with yours": "내 옷과 어울릴 확률 {p}",
    "score {s}": "점수 {s}",
    "Scores and why": "점수와 이유",
    "#": "#",
    "piece": "아이템",
    "score": "점수",
    "goes with yours": "어울릴 확률",
    "why": "이유",
    "worn in {n} outfits": "코디 {n}개에서 입음",
    "worn in {n} outfit": "코디 {n}개에서 입음",
    # 3 · outfits
    "### 3 · Real outfits that combine both": "### 3 · 두 아이템을 함께 입은 실제 코디",
    '<p class="empty-note">Pick a recommendation to see real outfits that wear it with '
    "yours.</p>": (
        '<p class="empty-note">추천 아이템을 고르면 내 옷과 함께 입은 실제 코디를 보여줍니다.</p>'
    ),
    "Looking for real outfits with both pieces …": "두 아이템을 함께 입은 실제 코디를 찾는 중 …",
    "**{n} real outfits wear both pieces**": "**실제 코디 {n}개가 두 아이템을 모두 입었어요**",
    "**{n} real outfit wears both pieces**": "**실제 코디 {n}개가 두 아이템을 모두 입었어요**",
    " — your {mine} and the {theirs} you picked.": " — 내 {mine}, 고른 {theirs}.",
    "No outfit in the data wears these two exact pieces. ": (
        "데이터에 이 두 아이템을 그대로 입은 코디는 없어요. "
    ),
    "**{n} real outfits combine the same kinds and colours**": (
        "**같은 종류·색상을 함께 입은 실제 코디 {n}개**"
    ),
    "**{n} real outfit combines the same kinds and colours**": (
        "**같은 종류·색상을 함께 입은 실제 코디 {n}개**"
    ),
    " ({mine} with {theirs}), so the pieces shown there are similar, not identical.": (
        " ({mine} + {theirs}): 코디 속 아이템은 같은 것이 아니라 비슷한 것이에요."
    ),
    "No outfit combines these pieces ({mine} with {theirs}) yet, not even similar ones. Try "
    "another recommendation.": (
        "이 아이템들({mine} + {theirs})을 함께 입은 코디가 아직 없어요. 비슷한 것도 없어요. "
        "다른 추천을 골라 보세요."
    ),
    "Outfit": "코디",
    "yours": "내 옷",
    "picked": "고른 옷",
    "similar": "비슷한 옷",
    "the outfit on its page ↗": "코디 페이지 ↗",
    "men": "남성",
    "women": "여성",
    # my closet
    "No closet yet: press **New closet** (it lives in this browser).": (
        "아직 옷장이 없어요: **새 옷장**을 누르세요(이 브라우저에 저장돼요)."
    ),
    "New closet": "새 옷장",
    "A new closet, kept in this browser.": "새 옷장을 만들었어요(이 브라우저에 저장돼요).",
    "Press **New closet** first.": "먼저 **새 옷장**을 누르세요.",
    "Style": "스타일",
    "Season": "계절",
    "For": "대상",
    "any": "전체",
    "Search the catalogue": "카탈로그 검색",
    "Search, then click the piece you own.": "검색한 다음 가지고 있는 아이템을 누르세요.",
    "Nothing matches: try other words.": "맞는 아이템이 없어요: 다른 단어로 검색해 보세요.",
    "**{n}** results: click the piece you own, then add it.": (
        "검색 결과 **{n}**개: 가지고 있는 아이템을 누른 다음 추가하세요."
    ),
    "Picked: **{name}**": "선택: **{name}**",
    "Add to my closet": "내 옷장에 추가",
    "Pick a search result first.": "먼저 검색 결과를 고르세요.",
    "Added.": "추가했어요.",
    "Not in the catalogue? Describe it": "카탈로그에 없나요? 직접 설명하기",
    "Kind": "종류",
    "Name (optional)": "이름(선택)",
    "Add this piece": "이 아이템 추가",
    "Added a {color} {mid}.": "{color} {mid}을(를) 추가했어요.",
    "Add from a photo": "사진으로 추가",
    "A photo of your piece (JPEG, PNG or WebP, up to 10 MB)": (
        "내 옷 사진(JPEG, PNG, WebP, 최대 10MB)"
    ),
    "Describe the photo": "사진 분석",
    "Upload a photo: its colour is found, and a category suggested for you to confirm. The "
    "photo is not kept.": (
        "사진을 올리면 색상을 찾고 카테고리를 제안해요. 확인 후 추가하세요. 사진은 저장하지 않아요."
    ),
    "Upload a photo first.": "먼저 사진을 올리세요.",
    "A **{color}** piece; it looks like a **{category}** ({mid}, from its {source}). Check the "
    "category and kind, then add it.": (
        "**{color}** 아이템이에요. **{category}**({mid})로 보여요({source} 기준). 카테고리와 "
        "종류를 확인한 다음 추가하세요."
    ),
    "name": "이름",
    "silhouette": "실루엣",
    "Keep a small thumbnail as its picture": "작은 썸네일을 사진으로 저장",
    " (with its thumbnail)": " (썸네일 저장)",
    "Added **{name}** ({color} {mid}){kept}.": "**{name}**({color} {mid})을(를) 추가했어요{kept}.",
    "described": "직접 설명",
    "Remove": "빼기",
    "Removed.": "뺐어요.",
    "### Today's outfit": "### 오늘의 코디",
    "Keep this piece (optional)": "꼭 입을 아이템(선택)",
    "Today's outfit": "오늘의 코디",
    "Another one": "다른 코디",
    "outfit {n} of {total}": "코디 {n} / {total}",
    "find the next {what}": "다음에 살 {what} 찾기",
    "### Outfits you can wear now": "### 지금 입을 수 있는 코디",
    "Show my outfits": "내 코디 보기",
    "{n} wearable outfits": "입을 수 있는 코디 {n}개",
    "{n} wearable outfit": "입을 수 있는 코디 {n}개",
    "({n} seen whole in real outfits)": "(그대로 입은 실제 코디 {n}개)",
    "Budget (₩, 0 = any)": "예산(₩, 0 = 제한 없음)",
    "Find the next piece": "다음 아이템 찾기",
    "No piece adds an outfit yet: add a top or a bottom.": (
        "아직 코디를 늘려 줄 아이템이 없어요: 상의나 하의를 추가하세요."
    ),
    "+{n} outfits": "코디 +{n}",
    "+{n} outfit": "코디 +{n}",
    "<p>You can wear <b>{n}</b> outfits now (ranked by the {model} model).</p>": (
        "<p>지금 <b>{n}</b>개 코디를 입을 수 있어요({model} 모델 기준).</p>"
    ),
    "Liked.": "좋아요를 눌렀어요.",
    "Dismissed: not shown again.": "다시 보여주지 않을게요.",
    "Added to your closet.": "옷장에 추가했어요.",
    "Capsule: best purchases together": "캡슐: 함께 사면 좋은 아이템",
    "Plan a capsule": "캡슐 계획",
    "<p>From {a} to <b>{b}</b> outfits.</p>": "<p>코디 {a}개에서 <b>{b}</b>개로.</p>",
    "{n} outfits": "코디 {n}개",
    "Start from": "시작 아이템",
    "Fill (default: the missing top or bottom)": "채울 카테고리(기본: 없는 상의나 하의)",
    "Complete the look": "코디 완성",
    "Tick the owned pieces to start from.": "시작할 내 아이템을 체크하세요.",
    "No look found.": "코디를 찾지 못했어요.",
    "given": "고른 아이템",
    "closet": "내 옷장",
    "catalog": "카탈로그",
    # the tiles and the closet as a grid
    "Like": "좋아요",
    "Not for me": "별로예요",
    "Bought it": "샀어요",
    "liked": "좋아요",
    "Search results": "검색 결과",
    "What each one unlocks": "아이템마다 늘어나는 코디",
    "The next piece to buy": "다음에 살 아이템",
    "### Your pieces": "### 내 아이템",
    "Add pieces": "아이템 추가",
    "Wear now": "지금 입기",
    "Next piece": "다음 아이템",
    "Capsule": "캡슐",
    "**{outfits} wearable outfits**": "**입을 수 있는 코디 {outfits}개**",
    "**{outfits} wearable outfit**": "**입을 수 있는 코디 {outfits}개**",
    " from {count} pieces — closet `{person}`": " · 아이템 {count}개 · 옷장 `{person}`",
    "You can wear {n} outfits now": "지금 입을 수 있는 코디 {n}개",
    "You can wear {n} outfit now": "지금 입을 수 있는 코디 {n}개",
    "Your closet is empty. Open “Add pieces” below: search the catalogue, describe a piece "
    "or upload its photo.": (
        "옷장이 비어 있어요. 아래 “아이템 추가”에서 카탈로그를 검색하거나, 아이템을 설명하거나, "
        "사진을 올리세요."
    ),
    "No wearable outfit yet: add a top and a bottom that go together, or see which piece "
    "to buy in “Next piece”.": (
        "아직 입을 수 있는 코디가 없어요: 어울리는 상의와 하의를 추가하거나 “다음 아이템”에서 "
        "살 아이템을 보세요."
    ),
    "Not liked any more.": "좋아요를 취소했어요.",
    "Removed, and not suggested again.": "뺐고, 다시 추천하지 않을게요.",
    '<p class="empty-note">Press “Today\'s outfit” for an outfit of your own pieces.</p>': (
        '<p class="empty-note">“오늘의 코디”를 누르면 내 아이템으로 코디를 골라 드려요.</p>'
    ),
    '<p class="empty-note">Press “Show my outfits” to see every outfit your pieces make.</p>': (
        '<p class="empty-note">“내 코디 보기”를 누르면 내 아이템으로 만들 수 있는 코디를 모두 '
        "보여 드려요.</p>"
    ),
    '<p class="empty-note">Press “Find the next piece”: the piece that adds the most outfits '
    "comes first.</p>": (
        '<p class="empty-note">“다음 아이템 찾기”를 누르세요: 코디를 가장 많이 늘려 주는 '
        "아이템이 먼저 나와요.</p>"
    ),
    '<p class="empty-note">Press “Plan a capsule”: the few purchases that add the most outfits '
    "together.</p>": (
        '<p class="empty-note">“캡슐 계획”을 누르세요: 함께 샀을 때 코디를 가장 많이 늘려 주는 '
        "몇 가지 아이템이에요.</p>"
    ),
    '<p class="empty-note">Tick the owned pieces to start from, then press “Complete the '
    "look”.</p>": (
        '<p class="empty-note">시작할 내 아이템을 체크한 다음 “코디 완성”을 누르세요.</p>'
    ),
    "No photo, and its colour is not known: hence the question mark.": (
        "사진이 없고 색도 알 수 없어 물음표로 표시했어요."
    ),
    "No photo: drawn from its kind and colour ({kind}).": (
        "사진 없음: 종류와 색으로 그렸어요({kind})."
    ),
}
