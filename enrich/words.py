"""The words of a product name: lower-cased Latin/Hangul words and the character bigrams of the
Hangul ones (Korean names glue words together: "스몰체크셔츠" shares "체크" and "셔츠" with
"체크셔츠"). LightGCN's content nodes and the ranker's word pairs both read names this way."""

from __future__ import annotations

import re

WORD = re.compile(r"[0-9a-z]+|[\uac00-\ud7a3]+")
HANGUL = re.compile(r"[\uac00-\ud7a3]+")


def name_features(name: str) -> set[str]:
    """Words (`w:…`, longer than one character, not all digits) and Hangul bigrams (`b:…`)."""
    text = name.lower()
    feats = {f"w:{w}" for w in WORD.findall(text) if len(w) > 1 and not w.isdigit()}
    for word in HANGUL.findall(text):
        feats.update(f"b:{word[i : i + 2]}" for i in range(len(word) - 1))
    return feats
