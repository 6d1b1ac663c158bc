"""The API's network side: the actor network, the analyses, the page, the report and the network exports.

Each function builds the network from the store once and hands it to the stage packages
(:mod:`graph.network`, :mod:`graph.analysis`, :mod:`graph.report`).
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..analysis.summary import Analysis
from ..analysis.summary import analyze as analyze_network
from ..network.build import build_network
from ..progress import ProgressCallback, Steps
from ..report.render import render_html
from ..store.base import Store

#: The first stage of every job here: reading the store and building the network.
READING = "reading the store"

def network(store: Store, **filters):
    """The actor network (networkx ``MultiDiGraph``) of the store; see :func:`graph.network.build_network`."""
    return build_network(store, **filters)


#: Options of the signed view every analysis takes (besides the build filters).
VIEW_OPTIONS = ("view", "half_life_days", "min_evidence", "with_curated")


def analysis_network(store: Store, *, min_evidence: int = 1, with_curated: bool = False,
                     relations: Iterable[str] | None = None, **filters):
    """The network the analyses read: curated structure included, trimmed by evidence and relation.

    See :func:`graph.network.signed.filter_network`. ``filters`` go to
    :func:`graph.network.build.build_network` (``since``, ``until``, ``min_confidence``);
    ``relations`` is applied after the build, so the roll-up ties stay available.
    """
    from ..network.signed import filter_network

    if relations:
        from ..network.build import _select_relations
        from ..vocab import relations as vocab_relations

        _select_relations(vocab_relations(), relations)          # unknown names fail here
    G = build_network(store, include_curated=True, **filters)
    return filter_network(G, min_evidence=min_evidence, relations=relations, with_curated=with_curated)


def signed(store: Store, *, view: str = "organisation", half_life_days: float | None = None,
           min_evidence: int = 1, with_curated: bool = False, **filters):
    """``(network, signed graph)`` for the analyses; see :func:`graph.network.signed.signed_view`."""
    from ..network.signed import HALF_LIFE_DAYS, signed_view

    H = analysis_network(store, min_evidence=min_evidence, with_curated=with_curated, **filters)
    S = signed_view(H, view=view, half_life_days=HALF_LIFE_DAYS if half_life_days is None else half_life_days,
                    with_curated=with_curated)
    return H, S


def _split_options(options: dict) -> tuple[dict, dict]:
    view = {k: options.pop(k) for k in VIEW_OPTIONS if k in options}
    return view, options


def analyze(store: Store, *, top: int = 10, period: str = "year", seed: int = 0,
            progress: ProgressCallback | None = None, **options) -> Analysis:
    """The overview: camps, hostility, centrality, brokers, chains, unbalanced triads, change over time.

    ``options``: the build filters (``since``, ``until``, ``min_confidence``, ``relations``)
    and the signed-view options (``view``, ``half_life_days``, ``min_evidence``, ``with_curated``).
    ``progress`` hears of each stage (:mod:`graph.progress`), as in every function here.
    """
    view, filters = _split_options(dict(options))
    relations = filters.pop("relations", None)
    step = Steps(progress, (READING, "analyses"))
    with step(READING):
        G = analysis_network(store, min_evidence=view.get("min_evidence", 1),
                             with_curated=view.get("with_curated", False), relations=relations, **filters)
    with step("analyses"):
        return analyze_network(G, top=top, period=period, seed=seed, view=view.get("view", "organisation"),
                               half_life_days=_half_life(view), with_curated=view.get("with_curated", False))


def _half_life(view: dict):
    from ..network.signed import HALF_LIFE_DAYS

    value = view.get("half_life_days")
    return HALF_LIFE_DAYS if value is None else (value or None)


def camps(store: Store, *, seed: int = 0, top: int = 50, progress: ProgressCallback | None = None,
          **options) -> dict:
    """Camps by structural balance with the frustration and every frustrated tie (plain data)."""
    from ..analysis.camps import find_camps, tie_record
    from ..analysis.summary import camp_rows

    step = Steps(progress, (READING, "camps"))
    with step(READING):
        _, S = signed(store, **options)
    with step("camps"):
        c = find_camps(S, seed=seed)
    return {"camps": camp_rows(c, S), "camp_of": c.camp_of,
            "unaligned": [{"iri": a, "label": c.labels.get(a, a)} for a in c.unaligned],
            "frustration": c.frustration, "frustration_index": c.index, "frustration_exact": c.exact,
            "frustration_lower_bound": c.lower_bound, "gap": c.gap, "camp_method": c.method,
            "frustrated": c.frustrated[:top] if top else c.frustrated, "frustrated_count": len(c.frustrated),
            "placed_by_structure": c.placed_by_structure,
            "curated_ties": [dict(tie_record(S, u, v), curated=True) for u, v, d in S.edges(data=True)
                             if d.get("curated")],
            "view": S.graph.get("view"), "rolled_up": S.graph.get("rolled_up", {})}


def brokers(store: Store, *, seed: int = 0, top: int = 10, progress: ProgressCallback | None = None,
            **options) -> dict:
    """Actors between camps, betweenness and PageRank on alliance ties (plain data)."""
    from ..analysis.camps import find_camps
    from ..analysis.centrality import brokers as find_brokers

    step = Steps(progress, (READING, "camps", "brokers"))
    with step(READING):
        _, S = signed(store, **options)
    with step("camps"):
        c = find_camps(S, seed=seed, clusters=False)
    with step("brokers"):
        return {"camps": c.names, **find_brokers(S, c, top=top, seed=seed)}


def chains(store: Store, patron: str, *, depth: int = 4, top: int = 50, progress: ProgressCallback | None = None,
           **options) -> dict:
    """Clients of ``patron`` (a label, alias or IRI) through backedBy / partOf / memberOf / leaderOf, with evidence."""
    from ..analysis.chains import patron_tree

    view, filters = _split_options(dict(options))
    relations = filters.pop("relations", None)
    step = Steps(progress, (READING, "chains"))
    with step(READING):
        G = analysis_network(store, min_evidence=view.get("min_evidence", 1),
                             with_curated=view.get("with_curated", False), relations=relations, **filters)
    with step("chains"):
        return patron_tree(G, patron, depth=depth, top=top)


def triads(store: Store, *, top: int = 10, progress: ProgressCallback | None = None, **options) -> dict:
    """Unbalanced triads with the evidence of each tie (plain data)."""
    from ..analysis.triads import unbalanced_triads

    step = Steps(progress, (READING, "triads"))
    with step(READING):
        _, S = signed(store, **options)
    with step("triads"):
        return unbalanced_triads(S, top=top)


def hostility(store: Store, *, seed: int = 0, top: int = 10, progress: ProgressCallback | None = None,
              **options) -> dict:
    """The hostility / alliance matrix between camps and the most hostile pairs (plain data)."""
    from ..analysis.camps import find_camps
    from ..analysis.hostility import hostility as camp_hostility

    step = Steps(progress, (READING, "camps and hostility"))
    with step(READING):
        _, S = signed(store, **options)
    with step("camps and hostility"):
        return camp_hostility(S, find_camps(S, seed=seed, clusters=False), top=top)


def compare(store: Store, before: tuple[str | None, str | None], after: tuple[str | None, str | None], *,
            seed: int = 0, top: int = 20, progress: ProgressCallback | None = None, **options) -> dict:
    """Two periods ``(since, until)`` side by side: new and lost ties, sign flips, actors changing camp."""
    from ..analysis.camps import find_camps
    from ..analysis.timeline import compare as compare_periods

    options = {k: v for k, v in options.items() if k not in ("since", "until")}
    step = Steps(progress, (READING + " (first period)", READING + " (second period)", "camps and changes"))
    with step(READING + " (first period)"):
        _, Sa = signed(store, since=before[0], until=before[1], **options)
    with step(READING + " (second period)"):
        _, Sb = signed(store, since=after[0], until=after[1], **options)
    with step("camps and changes"):
        out = compare_periods(Sa, find_camps(Sa, seed=seed, clusters=False), Sb,
                              find_camps(Sb, seed=seed, clusters=False), top=top)
    out.update(before={"since": before[0], "until": before[1]}, after={"since": after[0], "until": after[1]})
    return out


def analyze_and_render(store: Store, out: str | Path, *, top: int = 10, progress: ProgressCallback | None = None,
                       **filters) -> tuple[Analysis, Path]:
    """What ``run`` prints and writes, from ONE network build: the overview and the HTML page."""
    from ..network.signed import filter_network

    step = Steps(progress, (READING, "analyses", *PAGE_STEPS))
    with step(READING):
        G = build_network(store, include_curated=True, **filters)
        H = filter_network(G)
    with step("analyses"):
        result = analyze_network(H, top=top)
    path = _render_network(G, H, out, step=step)
    step.end()
    return result, path


def export_network(store: Store, out: str | Path, fmt: str, *, progress: ProgressCallback | None = None,
                   **options) -> Path:
    """Write the actor network as GraphML, GEXF or CSV (edges; nodes beside) with camps and weights."""
    from ..network.export import write_network

    view, filters = _split_options(dict(options))
    relations = filters.pop("relations", None)
    step = Steps(progress, (READING, "camps and writing"))
    with step(READING):
        G = analysis_network(store, min_evidence=view.get("min_evidence", 1),
                             with_curated=view.get("with_curated", False), relations=relations, **filters)
    with step("camps and writing"):
        return write_network(G, out, fmt, view=view.get("view", "organisation"), half_life_days=_half_life(view),
                             with_curated=view.get("with_curated", False))


def render(store: Store, out: str | Path, *, max_nodes: int = 250, title: str = "actorgraph",
           min_weight: int = 1, fmt: str | None = None, shown_relations: Iterable[str] | None = None,
           camp: int | str | None = None, focus: str | None = None, depth: int = 1,
           progress: ProgressCallback | None = None, **filters) -> Path:
    """Write the network of the store to ``out``: the interactive offline HTML page, or a PNG/SVG picture.

    ``fmt`` is ``html``, ``png`` or ``svg`` (default: from the file name). Actors are
    coloured by their camp in the analysis (:func:`camps`); ``shown_relations`` (names or
    kinds), ``min_weight``, ``camp`` and ``focus``/``depth`` narrow what is drawn;
    ``filters`` go to :func:`build_network`.
    """
    from ..network.signed import filter_network

    step = Steps(progress, (READING, *PAGE_STEPS))
    with step(READING):
        G = build_network(store, include_curated=True, **filters)
        H = filter_network(G)
    path = _render_network(G, H, out, max_nodes=max_nodes, title=title, min_weight=min_weight, fmt=fmt,
                           shown_relations=shown_relations, camp=camp, focus=focus, depth=depth, step=step)
    step.end()
    return path


#: Time the exact camp solver may take for a page (see :func:`_render_network`).
RENDER_CAMPS_SECONDS = 2.0
#: The stages of drawing a page, after the network is built.
PAGE_STEPS = ("camps", "writing the page")


def _render_network(G, H, out: str | Path, *, max_nodes: int = 250, title: str = "actorgraph", min_weight: int = 1,
                    fmt: str | None = None, shown_relations: Iterable[str] | None = None,
                    camp: int | str | None = None, focus: str | None = None, depth: int = 1,
                    step: Steps | None = None) -> Path:
    """Draw ``G`` (built with curated facts) coloured by the camps of its analysis network ``H``.

    Edges that only the curated facts hold are not drawn: the page shows what the articles
    say. A person the organisation view rolls up (a leader or member) is drawn in the camp
    of the organisation it speaks for.
    """
    from ..report.render import render_static

    fmt = (fmt or Path(out).suffix.lstrip(".") or "html").lower()
    if fmt not in ("html", "htm", "png", "svg"):
        raise ValueError(f"{out}: the output file name must end in .html, .png or .svg")
    step = step or Steps(None, PAGE_STEPS)
    step("camps")
    camp_of, names = page_camps(H)
    step("writing the page")
    drawn = G.copy()
    drawn.remove_edges_from([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
                             if d.get("curated") and not d.get("evidence")])
    drawn.remove_nodes_from([n for n in list(drawn) if drawn.degree(n) == 0])
    options = dict(title=title, camps=camp_of, camp_names=names, aliases=page_aliases(drawn),
                   min_weight=min_weight, relations=shown_relations, camp=camp, focus=focus, depth=depth)
    if fmt in ("html", "htm"):
        return render_html(drawn, out, max_nodes=max_nodes, **options)
    return render_static(drawn, out, fmt=fmt, **options)


def page_camps(H) -> tuple[dict[str, int], list[str]]:
    """The camps of the analysis network ``H`` as the page colours them: actor → camp number, and
    the camps' names. A person the organisation view rolls up is in its organisation's camp."""
    from ..analysis.camps import find_camps
    from ..network.signed import signed_view

    S = signed_view(H)
    # the exact solver proves small, near-balanced networks in well under a second; on a large
    # frustrated one it can run to its 60 s limit for the same partition the heuristic finds,
    # so the page gives it RENDER_CAMPS_SECONDS (`analyze camps` keeps the full limit)
    found = find_camps(S, time_limit=RENDER_CAMPS_SECONDS)
    camp_of = dict(found.camp_of)
    for person, organisation in S.graph.get("rolled_up", {}).items():
        if organisation in camp_of:
            camp_of.setdefault(person, camp_of[organisation])
    return camp_of, list(found.names)


def page_aliases(G) -> dict[str, list[str]]:
    """Other names of each actor from the knowledge base (acronyms, alternative labels, demonyms)."""
    from ..kb.knowledge_base import load_knowledge_base

    kb = load_knowledge_base()
    return {n: list(a.labels[1:]) for n in G.nodes if (a := kb.get(n)) is not None and len(a.labels) > 1}


def report(store: Store, out: str | Path, *, top: int = 10, period: str = "year", seed: int = 0,
           title: str = "actorgraph report", progress: ProgressCallback | None = None, **options) -> Path:
    """Write the overview's tables and plots (camps per period, the hostility heat map) to ``.html`` or ``.md``."""
    from ..analysis.camps import find_camps
    from ..network.signed import signed_view
    from ..report.document import write_report
    from ..report.plots import camps_over_time, camps_per_period, hostility_heatmap

    if Path(out).suffix.lower() not in (".html", ".htm", ".md", ".markdown"):
        raise ValueError(f"{out}: the report is written as .html or .md")
    view, filters = _split_options(dict(options))
    relations = filters.pop("relations", None)
    with_curated = view.get("with_curated", False)
    step = Steps(progress, (READING, "analyses", "camps per period", "writing the report"))
    with step(READING):
        H = analysis_network(store, min_evidence=view.get("min_evidence", 1), with_curated=with_curated,
                             relations=relations, **filters)
    shape = {"view": view.get("view", "organisation"), "half_life_days": _half_life(view),
             "with_curated": with_curated}
    with step("analyses"):
        result = analyze_network(H, top=top, period=period, seed=seed, **shape)
    with step("camps per period"):
        overall = find_camps(signed_view(H, **shape), seed=seed, clusters=False)
        rows = camps_per_period(H, overall, period=4 if period == "year" else 7, seed=seed, **shape)
    with step("writing the report"):
        plots = {"camps": ("Camps per period", camps_over_time(rows, overall.names)),
                 "hostility": ("Hostility between camps", hostility_heatmap(result.hostility_matrix))}
        return write_report(result.to_dict(), out, plots, title=title)
