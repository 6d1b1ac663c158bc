"""Camps, brokers and patron chains on the ingested seed articles and the sample corpus, through the CLI.

The seed articles are read from ../shared (skipped when absent); nothing of their text is copied here.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
EXAMPLES = REPO / "examples" / "corpus"

IRAN_SIDE = {"Iran", "IRGC", "Quds Force", "Popular Mobilization Forces", "Kataib Hezbollah", "Asaib Ahl al-Haq",
             "Kataib Sayyid al-Shuhada", "Hezbollah"}
US_SIDE = {"United States", "Israel"}


def run(store: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--store", str(store), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def ingested(tmp_path_factory, corpus: Path) -> Path:
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not present")
    store = tmp_path_factory.mktemp("store") / "store"
    run(store, "ingest", str(corpus))
    return store


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    return ingested(tmp_path_factory, SEEDS)


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    return ingested(tmp_path_factory, EXAMPLES)


def sides(store: Path) -> tuple[set[str], set[str]]:
    iran, us, _ = placed(store)
    return iran, us


def placed(store: Path) -> tuple[set[int], set[int], set[str]]:
    """Camps of the Iran-aligned actors, camps of the US side, and the Iran-aligned actors in no camp."""
    data = json.loads(run(store, "analyze", "blocs", "--format", "json"))
    camp = {m: c["id"] for c in data["camps"] for m in c["members"]}
    iran = {camp[a] for a in IRAN_SIDE if a in camp}
    us = {camp[a] for a in US_SIDE if a in camp}
    return iran, us, IRAN_SIDE - set(camp)


def test_every_iran_aligned_actor_of_the_sample_is_in_the_camp(examples):
    # the Popular Mobilization Forces have no signed tie there: they stand where their factions stand
    iran, us, missing = placed(examples)
    assert missing == set() and len(iran) == 1 and iran != us


def test_options_before_the_subcommand_apply_to_it(seeds):
    assert json.loads(run(seeds, "analyze", "--since", "2100", "camps", "--format", "json"))["camps"] == []
    assert json.loads(run(seeds, "analyze", "--format", "json", "camps"))["camps"]
    assert json.loads(run(seeds, "analyze", "--json", "brokers"))["brokers"]
    # the subcommand's own option wins
    assert json.loads(run(seeds, "analyze", "--since", "2100", "camps", "--since", "2000", "--format", "json"))["camps"]


@pytest.mark.parametrize("corpus", ["seeds", "examples"])
def test_the_iran_aligned_actors_and_the_united_states_are_in_different_camps(corpus, request):
    iran, us = sides(request.getfixturevalue(corpus))
    assert len(iran) == 1 and len(us) == 1 and iran != us


def test_iraq_is_a_broker_on_the_seeds(seeds):
    data = json.loads(run(seeds, "analyze", "brokers", "--format", "json"))
    assert "Iraq" in [b["label"] for b in data["brokers"]]


def test_kataib_hezbollah_is_a_client_of_iran_directly_and_through_the_irgc(seeds):
    data = json.loads(run(seeds, "analyze", "chains", "--patron", "Iran", "--format", "json"))
    (kh,) = [c for c in data["clients"] if c["label"] == "Kataib Hezbollah"]
    paths = {tuple(p["labels"]): p for p in kh["paths"]}
    assert ("Kataib Hezbollah", "Iran") in paths
    assert ("Kataib Hezbollah", "IRGC", "Iran") in paths
    for p in (paths[("Kataib Hezbollah", "Iran")], paths[("Kataib Hezbollah", "IRGC", "Iran")]):
        assert all(h["evidence"] and h["evidence"][0]["sentence"] for h in p["hops"])


def test_every_subcommand_answers_in_every_format(seeds):
    for sub in (["camps"], ["brokers"], ["triads"], ["hostility"], ["summary"], ["chains", "--patron", "IRGC"],
                ["compare", "..2019", "2020.."]):
        for fmt in ("table", "json", "csv"):
            out = run(seeds, "analyze", *sub, "--format", fmt)
            assert out.strip(), (sub, fmt)
            if fmt == "json":
                json.loads(out)
    legacy = json.loads(run(seeds, "analyze", "--json"))          # the old call still works
    assert legacy["blocs"] == legacy["camps"] and legacy["camps"]
