"""Verdict explanations are phrases: English text for the CLI and API, with the key and parts kept."""

from __future__ import annotations

import json
import pickle

from planwatch.monitor.phrases import TEXTS, Phrase, phrase
from planwatch.monitor.rules import rule_name


def test_a_phrase_is_its_english_text_with_its_parts() -> None:
    basis = Phrase("reported", measure="growth", year=2017)
    assert basis == "reported growth 2017" and json.dumps(basis) == '"reported growth 2017"'
    assert basis.key == "reported" and basis.args == {"measure": "growth", "year": 2017}


def test_a_phrase_survives_pickling_with_its_parts() -> None:
    nested = Phrase("so_far_vs_needed", so_far=Phrase("compound_levels", first=2015, last=2018), needed=6.54321)
    again = pickle.loads(pickle.dumps(nested))
    assert again == nested == "compound growth of levels 2015→2018 vs 6.54%/yr needed"
    assert again.key == "so_far_vs_needed" and again.args["so_far"].key == "compound_levels"


def test_rules_keep_their_words_and_keys() -> None:
    assert rule_name("≈", "higher") == "≈ (左右/约), higher is better: met when a ≥ v − t"
    assert rule_name("≈", "higher").key == "rule_≈_higher"  # type: ignore[attr-defined]
    assert rule_name(">=", "higher", floor=True).key == "rule_floor"  # type: ignore[attr-defined]
    assert rule_name("between", "neutral") == "range, neutral: met when lo ≤ a ≤ hi"
    assert all(phrase(k) == TEXTS[k] for k in TEXTS if k.startswith(("rule_", "progress_")) and "{" not in TEXTS[k])
