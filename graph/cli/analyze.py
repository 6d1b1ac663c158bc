"""The analysis commands: ``actorgraph analyze [SUBCOMMAND]`` (the overview without one)."""
from __future__ import annotations

import csv
import json
import sys

import click

from . import main
from .common import ProgressDisplay, fail, filter_options, filters, out, store_from

FORMATS = ("table", "json", "csv")


def view_options(f):
    """Options of the signed view and the output, shared by every analysis."""
    for opt in reversed([
        click.option("--min-evidence", type=int, default=1, show_default=True,
                     help="Ties need this many distinct supporting articles."),
        click.option("--view", type=click.Choice(["organisation", "person"]), default="organisation",
                     show_default=True, help="Count a person's ties for the organisation they lead or belong to."),
        click.option("--with-curated", is_flag=True, help="Show curated alliance/hostility facts, marked, unweighted."),
        click.option("--half-life", "half_life_days", type=float, default=None,
                     help="Recency half-life in days (default: three years; 0 = no decay)."),
        click.option("--seed", type=int, default=0, show_default=True),
        click.option("--top", type=int, default=10, show_default=True),
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True),
    ]):
        f = opt(f)
    return filter_options(f)


def _options(kw: dict) -> dict:
    opts = filters(kw.pop("since"), kw.pop("until"), kw.pop("min_confidence"), kw.pop("relations"))
    opts.update(view=kw.pop("view"), half_life_days=kw.pop("half_life_days"), min_evidence=kw.pop("min_evidence"),
                with_curated=kw.pop("with_curated"))
    return opts


def _emit(kind: str, data, fmt: str) -> None:
    from ..report import text

    if fmt == "json":
        out.print_json(json.dumps(data, default=str, ensure_ascii=False))
    elif fmt == "csv":
        header, rows = text.csv_rows(kind, data)
        w = csv.writer(sys.stdout)
        w.writerow(header)
        w.writerows(rows)
    else:
        text.render(text.TABLES[kind](data), console=out)


def _run(ctx: click.Context, kind: str, fn, **kw) -> None:
    from .. import pipeline

    with store_from(ctx, read_only=True) as store, ProgressDisplay(f"analyze {kind}", unit="steps") as progress:
        try:
            data = fn(pipeline, store, progress=progress)
        except ValueError as exc:
            fail(str(exc), 2)
    _emit(kind, data.to_dict() if hasattr(data, "to_dict") else data, kw["fmt"])


@main.group(invoke_without_command=True)
@click.option("--period", type=click.Choice(["year", "month"]), default="year", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@view_options
@click.pass_context
def analyze(ctx: click.Context, period: str, as_json: bool, fmt: str, top: int, seed: int, **kw) -> None:
    """Who stands with whom: camps, brokers, patron chains, triads, hostility, change (the overview without a
    subcommand). Options given before a subcommand apply to it, unless it gives them again."""
    if ctx.invoked_subcommand is not None:
        _pass_down(ctx)
        return
    opts = _options(kw)
    _run(ctx, "summary", lambda p, s, **pr: p.analyze(s, top=top, period=period, seed=seed, **opts, **pr),
         fmt="json" if as_json else fmt)


def _pass_down(ctx: click.Context) -> None:
    """The options given to the group become the subcommand's defaults (click's ``default_map``)."""
    from click.core import ParameterSource

    given = {name: value for name, value in ctx.params.items()
             if ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP, None)}
    if given.pop("as_json", False):
        given["fmt"] = "json"
    if given:
        ctx.default_map = {**(ctx.default_map or {}),
                           **{name: {**((ctx.default_map or {}).get(name) or {}), **given} for name in analyze.commands}}


@analyze.command("summary")
@click.option("--period", type=click.Choice(["year", "month"]), default="year", show_default=True)
@view_options
@click.pass_context
def summary(ctx, period, fmt, top, seed, **kw):
    """The one-screen overview that ``run`` prints."""
    opts = _options(kw)
    _run(ctx, "summary", lambda p, s, **pr: p.analyze(s, top=top, period=period, seed=seed, **opts, **pr), fmt=fmt)


@analyze.command("camps")
@view_options
@click.pass_context
def camps(ctx, fmt, top, seed, **kw):
    """Camps by structural balance: frustration index and every frustrated tie with its evidence."""
    opts = _options(kw)
    _run(ctx, "camps", lambda p, s, **pr: p.camps(s, seed=seed, top=top if fmt == "table" else 0, **opts, **pr), fmt=fmt)


analyze.add_command(click.Command("blocs", params=camps.params, callback=camps.callback,
                                  help="Alias of camps."))


def _plain_analysis(name: str, doc: str, call) -> click.Command:
    """A subcommand that takes only the shared view options: ``call(pipeline, store, seed, top, **options)``."""
    @analyze.command(name, help=doc)
    @view_options
    @click.pass_context
    def command(ctx, fmt, top, seed, **kw):
        opts = _options(kw)
        _run(ctx, name, lambda p, s, **pr: call(p, s, seed=seed, top=top, **opts, **pr), fmt=fmt)

    return command


brokers = _plain_analysis("brokers", "Actors between camps; betweenness and alliance PageRank beside them.",
                          lambda p, s, **o: p.brokers(s, **o))


@analyze.command("chains")
@click.option("--patron", required=True, help="Actor label, alias or IRI.")
@click.option("--depth", type=int, default=4, show_default=True)
@view_options
@click.pass_context
def chains(ctx, patron, depth, fmt, top, seed, **kw):
    """Clients of a patron through backedBy, partOf, memberOf/leaderOf, and whom they are hostile to."""
    opts = _options(kw)
    _run(ctx, "chains", lambda p, s, **pr: p.chains(s, patron, depth=depth, top=max(top, 50), **opts, **pr), fmt=fmt)


triads = _plain_analysis("triads", "Unbalanced triads, with the evidence of each tie.",
                         lambda p, s, seed, **o: p.triads(s, **o))
hostility = _plain_analysis("hostility",
                            "Hostility and alliance between camps; the most hostile pairs with evidence counts.",
                            lambda p, s, **o: p.hostility(s, **o))


@analyze.command("compare")
@click.argument("before")
@click.argument("after")
@view_options
@click.pass_context
def compare(ctx, before, after, fmt, top, seed, **kw):
    """Two periods (YYYY, YYYY-MM, or FROM..TO): new and lost ties, sign flips, actors changing camp."""
    from ..analysis.timeline import parse_period

    opts = _options(kw)
    _run(ctx, "compare", lambda p, s, **pr: p.compare(s, parse_period(before), parse_period(after), seed=seed,
                                                      top=max(top, 20), **opts, **pr), fmt=fmt)
