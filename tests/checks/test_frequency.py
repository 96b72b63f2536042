"""The noisy-channel evidence of TY01: word frequencies from wordfreq's lists, read offline."""

from __future__ import annotations

from paracheck.checks._frequency import frequency_language, likeliest, likely_slip, zipf
from paracheck.checks._lexicon import near_miss, one_edit_known, spellings_near
from paracheck.checks._spell import Dictionary, dictionary


def test_a_slip_of_a_common_word_is_likely() -> None:
    assert likely_slip("wanetd", ["wanted"], "en", 2.0)


def test_a_form_in_use_beside_a_rarer_neighbour_is_no_slip() -> None:
    assert zipf("fregona", "es") > 0
    assert not likely_slip("fregona", ["pregona"], "es", 2.0)


def test_a_listed_misspelling_still_loses_to_a_far_commoner_word() -> None:
    assert zipf("recieve", "en") > 0  # people write it, so the lists hold it
    assert likely_slip("recieve", ["receive"], "en", 2.0)
    assert not likely_slip("recieve", ["receive"], "en", 3.0)


def test_unlisted_corrections_never_make_a_slip() -> None:
    assert not likely_slip("diamamtillos", ["diamantillos"], "es", 2.0)
    assert not likely_slip("wanetd", [], "en", 2.0)


def test_dictionary_names_map_to_wordfreq_languages() -> None:
    assert frequency_language(Dictionary("de_DE_frami", None)) == "de"
    assert frequency_language(Dictionary("pt_PT", None)) == "pt"
    assert frequency_language(Dictionary("xx_XX", None)) is None  # no list: TY01 reports as without the option
    assert frequency_language(Dictionary("ja_JP", None)) is None  # listed, but needs a tokeniser that is not installed


def test_spellings_near_are_one_slip_or_two_stray_letters_away() -> None:
    near = spellings_near("wanetd")
    assert near["wanted"] == 1  # a swap
    assert near["wantd"] == 1 and near["wanetdd"] == 1 and near["wanerd"] == 1  # drop, double, replace
    assert "wand" not in near  # two drops: only in long words
    assert spellings_near("attrattivita")["attrattiva"] == 2
    assert "attrattiva" not in spellings_near("attrattivita", min_length=99)
    assert all(len(c) > 2 for c in spellings_near("abc"))


def test_one_edit_known_and_near_miss_use_the_dictionary() -> None:
    en, it = dictionary("en"), dictionary("it")
    assert en is not None and it is not None
    assert one_edit_known("wanetd", en)
    assert not one_edit_known("tychodrome", en)
    assert near_miss("attrattivita", it)  # two stray letters from attrattiva
    assert not near_miss("attrattivita", it, max_distance=1)


def test_a_second_edit_costs_a_power_of_ten() -> None:
    # caillasse is two stray letters from caillasseux and common enough to win as one edit, not as two
    assert likely_slip("caillasseux", {"caillasse": 1}, "fr", 2.0)
    assert not likely_slip("caillasseux", {"caillasse": 2}, "fr", 2.0)


def test_likeliest_ranks_by_frequency_less_a_power_of_ten_per_extra_edit() -> None:
    # attrattiva (two letters dropped) is listed more often than attrattività (one accent), but not ten times more
    assert zipf("attrattiva", "it") > zipf("attrattività", "it") > zipf("attrattiva", "it") - 1.0
    ranked = [c for _, c in likeliest({"attrattiva": 2, "attrattività": 1}, "it", n=2)]
    assert ranked == ["attrattività", "attrattiva"]
    assert [c for _, c in likeliest({"attrattiva": 1, "attrattività": 1}, "it", n=2)] == ["attrattiva", "attrattività"]
    assert likeliest({"attrattiva": 2}, "it", known=lambda _: False) == []  # the dictionary has the last word
    es = dictionary("es")
    assert es is not None
    assert [c for _, c in likeliest(spellings_near("abuelitta"), "es", lambda c: es.knows(c))] == ["abuelita"]
