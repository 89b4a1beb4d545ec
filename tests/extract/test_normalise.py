"""Normalisation rewrites look-alikes and keeps a map back to the original text."""

from __future__ import annotations

import pytest

from kg.extract.normalise import normalise


@pytest.mark.parametrize(("original", "expected"), [
    ("Territoires d\u2019industrie", "Territoires d'industrie"),
    ("\u201cBourgogne\u201d", '"Bourgogne"'),
    ("42\u00a0000,00\u202f\u20ac", "42 000,00 \u20ac"),
    ("42  000,00 \u20ac", "42 000,00 \u20ac"),
    ("co\ufb01nancement", "cofinancement"),
    ("man\u0153uvre", "man\u0153uvre"),
    ("indus-\ntrie", "industrie"),
    ("Jean-\nPierre ROUDIER", "Jean-Pierre ROUDIER"),
    ("Jean- Pierre ROUDIER", "Jean-Pierre ROUDIER"),
    ("D \u00c9 L I B \u00c9 R A T I O N", "D\u00c9LIB\u00c9RATION"),
    ("soft\u00adhyphen", "softhyphen"),
    ("FAGNEN S\u00e9bastien \u2013 FRAN\u00c7OISE Bruno", "FAGNEN S\u00e9bastien - FRAN\u00c7OISE Bruno"),
    ("En exercice : 14", "En exercice : 14"),
])
def test_normalised_text(original: str, expected: str) -> None:
    assert normalise(original).text == expected


@pytest.mark.parametrize("original", [
    "Le montant de 42  000,00 \u20ac est vot\u00e9 \u00e0 l\u2019unanimit\u00e9",
    "D \u00c9 L I B \u00c9 R A T I O N du co\ufb01nancement indus-\ntrie",
    "\u00ad\u200bd\u00e9but et \ufb01n\u00a0",
])
def test_every_normalised_range_maps_back_to_its_original(original: str) -> None:
    """Each word of the normalised text maps to the original range it was rewritten from."""
    n = normalise(original)
    for start in range(len(n.text) + 1):
        for end in range(start, len(n.text) + 1):
            a, b = n.to_original(start, end)
            assert 0 <= a <= b <= len(original)
            if end > start:
                # the original range, normalised again, holds the normalised range
                again = " ".join(normalise(original[a:b]).text.split())
                assert " ".join(n.text[start:end].split()) in again
