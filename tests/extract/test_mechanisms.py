"""General mechanisms of issue 11 (classes C2–C7 of the reference file and the smaller defects),
each with sentences written for these tests; every negative test has a positive control."""
from __future__ import annotations

from .util import triples


# --- reported speech: a third party's promise is not the speaker's threat ---------------------

def test_relayed_promise_is_the_third_partys(ex):
    got = triples(ex, "Iran's foreign minister told reporters that Israel would attack Hezbollah.")
    assert ("Israel", "threatens", "Hezbollah") in got
    assert ("Iran", "threatens", "Hezbollah") not in got
    assert ("Iran", "threatens", "Israel") not in got


def test_reported_threat_against_the_clause_subject_stays(ex):
    """Positive control: the only actor of the reported clause is the one threatened."""
    assert ("Iran", "threatens", "United States") in triples(
        ex, "Iran warned that American troops would pay a heavy price.")


def test_reported_threat_by_the_speakers_own_side_stays(ex):
    assert ("Hezbollah", "threatens", "Israel") in triples(ex, "Hezbollah said its fighters would strike Israel.")
