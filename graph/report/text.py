"""Terminal reports of the analyses: rich tables built from their plain data.

Each ``*_tables`` function takes the plain data an analysis returns and yields
rich renderables; :func:`render` prints them to a console (or to a string with
``console=None``). :func:`summary_text` is the one-screen overview of ``run``.
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

__all__ = ["render", "summary_text", "summary_tables", "csv_rows", "TABLES", "camps_tables", "brokers_tables", "chains_tables",
           "triads_tables", "hostility_tables", "compare_tables"]

SIGN = {1: "+", -1: "−"}
MAX_MEMBERS = 12


def render(items: Iterable[RenderableType], console: Console | None = None, width: int = 120) -> str:
    """Print ``items`` to ``console``; without one, return them as plain text."""
    if console is not None:
        for item in items:
            console.print(item)
        return ""
    buf = io.StringIO()
    c = Console(file=buf, width=width, color_system=None, highlight=False, soft_wrap=False)
    for item in items:
        c.print(item)
    return buf.getvalue().rstrip() + "\n"


def _table(title: str, *columns: str) -> Table:
    t = Table(*columns, title=title, title_justify="left", show_lines=False, expand=False)
    return t


def _members(labels: list[str]) -> str:
    return ", ".join(labels[:MAX_MEMBERS]) + (" …" if len(labels) > MAX_MEMBERS else "")


def _evidence(ev: list[dict[str, Any]]) -> str:
    if not ev:
        return ""
    e = ev[0]
    where = e.get("url") or e.get("title") or e.get("source") or ""
    return f"{(e.get('sentence') or '')[:140]} [{e.get('date') or 'undated'}; {where}]"


def _tie(t: dict[str, Any]) -> tuple[str, ...]:
    return (t["source_label"], SIGN.get(t["sign"], "?"), t["target_label"], f"{t['weight']:.2f}",
            str(t.get("documents", "")), ", ".join(t.get("relations", [])), _evidence(t.get("evidence", [])))


def camps_tables(data: dict[str, Any]) -> list[RenderableType]:
    """``data``: ``{camps, unaligned, frustration, frustration_index, frustrated, exact, …}`` (see the CLI JSON)."""
    t = _table("Camps (Blocs) by structural balance", "#", "name", "size", "members", "clusters inside")
    for c in data["camps"]:
        t.add_row(str(c["id"]), c["name"], str(c["size"]), _members(c["members"]),
                  str(len(c.get("clusters") or [])))
    how = "exact" if data.get("frustration_exact", data.get("exact")) else \
        f"heuristic, lower bound {data.get('frustration_lower_bound', data.get('lower_bound', 0)):.2f}"
    out: list[RenderableType] = [t, Text(
        f"Frustration {data['frustration']:.2f} ({100 * data.get('frustration_index', data.get('index', 0)):.1f} % "
        f"of the signed weight; {how}; {data.get('camp_method', data.get('method', ''))})")]
    if data.get("unaligned"):
        out.append(Text("Unaligned: " + _members([u["label"] for u in data["unaligned"]])))
    fr = _table(f"Frustrated ties ({data.get('frustrated_count', len(data['frustrated']))})",
                "actor", "±", "actor", "weight", "docs", "relations", "evidence")
    for tie in data["frustrated"]:
        fr.add_row(*_tie(tie))
    if data["frustrated"]:
        out.append(fr)
    if data.get("curated_ties"):
        cu = _table("Curated ties (background facts: shown, marked, not counted)", "actor", "±", "actor")
        for tie in data["curated_ties"]:
            cu.add_row(tie["source_label"], SIGN.get(tie["sign"], "?"), tie["target_label"])
        out.append(cu)
    return out


def brokers_tables(data: dict[str, Any]) -> list[RenderableType]:
    t = _table("Brokers between camps", "actor", "camp", "allied with camps", "hostile to camps", "score", "why")
    for b in data["brokers"]:
        t.add_row(b["label"], "-" if b["camp"] is None else str(b["camp"] + 1),
                  ", ".join(f"{c + 1}: {w:.1f}" for c, w in b["allied_camps"].items()),
                  ", ".join(f"{c + 1}: {w:.1f}" for c, w in b["hostile_camps"].items()), f"{b['score']:.2f}",
                  b["reason"])
    sampled = f" (sampled, k={data['betweenness_sampled']})" if data.get("betweenness_sampled") else ""
    bt = _table(f"Betweenness{sampled}", "actor", "score")
    for r in data["betweenness"]:
        bt.add_row(r["label"], f"{r['score']:.4f}")
    pr = _table("PageRank on the alliance ties", "actor", "score")
    for r in data["pagerank"]:
        pr.add_row(r["label"], f"{r['score']:.4f}")
    return [t, bt, pr]


def chains_tables(data: dict[str, Any]) -> list[RenderableType]:
    t = _table(f"Clients of {data['patron_label']} ({data['client_count']})", "client", "path", "evidence")
    for c in data["clients"]:
        for p in c["paths"]:
            hops = " → ".join(f"{a} —{r}→" for a, r in zip(p["labels"], p["relations"])) + f" {p['labels'][-1]}"
            ev = "; ".join(_evidence(h["evidence"]) or ("curated fact" if h["curated"] else "") for h in p["hops"])
            t.add_row(c["label"], hops, ev)
    h = _table(f"Indirect hostility ({data['indirect_hostility_count']})", "patron", "via", "client", "relation",
               "target", "evidence")
    for r in data["indirect_hostility"]:
        h.add_row(r["patron_label"], " → ".join(r["via"]), r["client_label"], r["relation"], r["target_label"],
                  _evidence(r["hop"]["evidence"]))
    return [t, h]


def triads_tables(data: dict[str, Any]) -> list[RenderableType]:
    t = _table(f"Unbalanced triads ({data['unbalanced_count']} unbalanced, {data['balanced_count']} balanced)",
               "a", "b", "c", "signs (ab, bc, ac)", "evidence")
    for tr in data["triads"]:
        t.add_row(*tr["actors"], " ".join(SIGN[s] for s in tr["signs"]),
                  " | ".join(_evidence(tie["evidence"]) for tie in tr["ties"]))
    return [t]


def hostility_tables(data: dict[str, Any]) -> list[RenderableType]:
    m = data["matrix"]
    t = _table("Hostility (−) and alliance (+) between camps (weights)", "camp", *[str(k + 1) for k in
                                                                                   range(len(m["names"]))])
    for k, name in enumerate(m["names"]):
        t.add_row(f"{k + 1}. {name}", *[f"−{h:.1f} / +{a:.1f}" for h, a in zip(m["hostile"][k], m["allied"][k])])
    p = _table("Most hostile pairs", "actor", "±", "actor", "weight", "docs", "relations", "evidence")
    for tie in data["pairs"]:
        p.add_row(*_tie(tie))
    return [t, p]


def compare_tables(data: dict[str, Any]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for key, title in (("new_ties", f"New ties ({data['new_count']})"), ("lost_ties", f"Lost ties ({data['lost_count']})")):
        t = _table(title, "actor", "±", "actor", "weight", "docs", "relations", "evidence")
        for tie in data[key]:
            t.add_row(*_tie(tie))
        out.append(t)
    f = _table(f"Sign flips ({data['flip_count']})", "actor", "actor", "before", "after")
    for fl in data["sign_flips"]:
        f.add_row(fl["after"]["source_label"], fl["after"]["target_label"], SIGN[fl["before"]["sign"]],
                  SIGN[fl["after"]["sign"]])
    out.append(f)
    c = _table(f"Actors changing camp ({len(data['changed_camp'])})", "actor", "before", "after")
    for m in data["changed_camp"]:
        c.add_row(m["label"], m["before_name"], m["after_name"])
    out.append(c)
    return out


def summary_tables(a: Any) -> list[RenderableType]:
    """The overview of an :class:`graph.analysis.summary.Analysis` (or its ``to_dict()``)."""
    d = a if isinstance(a, dict) else a.to_dict()
    out: list[RenderableType] = [Text(f"Network: {d['nodes']} actors, {d['edges']} relations, "
                                      f"{d['signed_edges']} signed pairs ({d['view']} view)")]
    out += camps_tables(d)
    out += hostility_tables({"matrix": d["hostility_matrix"], "pairs": d["hostile_pairs"]})
    mc = _table("Most connected (distinct counterparts)", "actor", "degree")
    for r in d["most_connected"]:
        mc.add_row(r["label"], str(r["degree"]))
    out.append(mc)
    out += brokers_tables(d)
    ch = _table("Patron–client chains (client → patron → …)", "chain", "relations")
    for c in d["chains"]:
        ch.add_row(" → ".join(c["labels"]), ", ".join(c["relations"]))
    out.append(ch)
    out += triads_tables({"triads": d["unbalanced_triads"], "unbalanced_count": d["unbalanced_count"],
                          "balanced_count": d["balanced_count"]})
    tl = _table(f"Change per {d['period']}", "period", "alliance", "hostility", "structural", "neutral",
                "new relations")
    for p in d["periods"]:
        tl.add_row(p["period"], *(str(p[k]) for k in ("alliance", "hostility", "structural", "neutral")),
                   str(p["new_edge_count"]))
    out.append(tl if d["periods"] else Text(f"Change per {d['period']}: no dated statements"))
    if d["undated_statements"]:
        out.append(Text(f"({d['undated_statements']} statements without a date)"))
    return out


def summary_text(a: Any) -> str:
    return render(summary_tables(a))


def _summary_from(d: dict[str, Any]) -> list[RenderableType]:
    return summary_tables(d)


#: The terminal tables of each analysis, by name.
TABLES = {"summary": _summary_from, "camps": camps_tables, "brokers": brokers_tables, "chains": chains_tables,
          "triads": triads_tables, "hostility": hostility_tables, "compare": compare_tables}


def _first_sentence(ev: list[dict[str, Any]]) -> tuple[str, str, str, str]:
    e = ev[0] if ev else {}
    return (e.get("sentence") or "", e.get("date") or "", e.get("url") or e.get("source") or "",
            e.get("document") or "")


def csv_rows(kind: str, d: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """The main table of an analysis as CSV rows (actors with labels and IRIs)."""
    if kind in ("camps", "summary"):
        rows = [[m_iri, m, c["id"], c["name"]] for c in d["camps"] for m, m_iri in zip(c["members"], c["iris"])]
        rows += [[u["iri"], u["label"], "", "unaligned"] for u in d["unaligned"]]
        return ["iri", "label", "camp", "camp_name"], rows
    if kind == "brokers":
        return (["iri", "label", "camp", "allied_camps", "hostile_camps", "score", "reason"],
                [[b["iri"], b["label"], "" if b["camp"] is None else b["camp"] + 1,
                  ";".join(str(c + 1) for c in b["allied_camps"]), ";".join(str(c + 1) for c in b["hostile_camps"]),
                  b["score"], b["reason"]] for b in d["brokers"]])
    if kind == "chains":
        rows = []
        for c in d["clients"]:
            for n, p in enumerate(c["paths"]):
                for h in p["hops"]:
                    rows.append([c["iri"], c["label"], n + 1, h["client"], h["client_label"], h["relation"],
                                 h["patron"], h["patron_label"], *_first_sentence(h["evidence"])])
        return (["client_iri", "client", "path", "from_iri", "from", "relation", "to_iri", "to", "sentence", "date",
                 "source", "document"], rows)
    if kind == "triads":
        return (["a_iri", "a", "b_iri", "b", "c_iri", "c", "sign_ab", "sign_bc", "sign_ac", "weight"],
                [[t["iris"][0], t["actors"][0], t["iris"][1], t["actors"][1], t["iris"][2], t["actors"][2],
                  *t["signs"], t["weight"]] for t in d["triads"]])
    if kind == "hostility":
        return (["source_iri", "source", "target_iri", "target", "weight", "documents", "relations", "sentence",
                 "date", "url_or_source", "document"],
                [[t["source"], t["source_label"], t["target"], t["target_label"], t["weight"], t["documents"],
                  ";".join(t["relations"]), *_first_sentence(t["evidence"])] for t in d["pairs"]])
    if kind == "compare":
        rows = [["new_tie", t["source"], t["source_label"], t["target"], t["target_label"], t["sign"], ""]
                for t in d["new_ties"]]
        rows += [["lost_tie", t["source"], t["source_label"], t["target"], t["target_label"], t["sign"], ""]
                 for t in d["lost_ties"]]
        rows += [["sign_flip", f["after"]["source"], f["after"]["source_label"], f["after"]["target"],
                  f["after"]["target_label"], f["after"]["sign"], f["before"]["sign"]] for f in d["sign_flips"]]
        rows += [["changed_camp", m["iri"], m["label"], "", m["after_name"], "", m["before_name"]]
                 for m in d["changed_camp"]]
        return ["change", "iri", "label", "other_iri", "other", "sign_after", "before"], rows
    raise ValueError(f"no CSV table for {kind!r}")
