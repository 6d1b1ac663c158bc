"""The written report: the overview's tables and plots as Markdown or one self-contained HTML file.

:func:`write_report` takes the plain data of :func:`graph.analysis.summary.analyze`
(``to_dict()``) and PNG plots. HTML embeds the plots as base64 ``data:`` images and
escapes every text from the articles; Markdown writes the plots beside the file
(``NAME-PLOT.png``) and escapes table cells.
"""
from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

from ..atomic import atomic_write

__all__ = ["write_report", "sections"]

SIGN = {1: "+", -1: "−"}


def _ev(ev: list[dict[str, Any]]) -> str:
    if not ev:
        return ""
    e = ev[0]
    return f"{(e.get('sentence') or '')[:200]} ({e.get('date') or 'undated'}; {e.get('url') or e.get('title') or ''})"


def sections(d: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) for each table of the report."""
    out = [
        ("Camps by structural balance", ["#", "name", "size", "members"],
         [[str(c["id"]), c["name"], str(c["size"]), ", ".join(c["members"])] for c in d["camps"]]),
        (f"Frustrated ties ({d['frustrated_count']}; frustration {d['frustration']:.2f}, "
         f"{100 * d['frustration_index']:.1f} % of the signed weight, "
         f"{'exact' if d['frustration_exact'] else 'lower bound %.2f' % d['frustration_lower_bound']})",
         ["actor", "±", "actor", "weight", "articles", "evidence"],
         [[t["source_label"], SIGN.get(t["sign"], "?"), t["target_label"], f"{t['weight']:.2f}",
           str(t["documents"]), _ev(t["evidence"])] for t in d["frustrated"]]),
        ("Most hostile pairs", ["actor", "actor", "weight", "articles", "relations", "evidence"],
         [[t["source_label"], t["target_label"], f"{t['weight']:.2f}", str(t["documents"]),
           ", ".join(t["relations"]), _ev(t["evidence"])] for t in d["hostile_pairs"]]),
        ("Brokers between camps", ["actor", "camp", "why", "score"],
         [[b["label"], "-" if b["camp"] is None else str(b["camp"] + 1), b["reason"], f"{b['score']:.2f}"]
          for b in d["brokers"]]),
        ("PageRank on the alliance ties", ["actor", "score"], [[r["label"], f"{r['score']:.4f}"] for r in d["pagerank"]]),
        ("Patron–client chains", ["chain", "relations"],
         [[" → ".join(c["labels"]), ", ".join(c["relations"])] for c in d["chains"]]),
        (f"Unbalanced triads ({d['unbalanced_count']} unbalanced, {d['balanced_count']} balanced)",
         ["a", "b", "c", "signs"],
         [[*t["actors"], " ".join(SIGN[s] for s in t["signs"])] for t in d["unbalanced_triads"]]),
        (f"Change per {d['period']}", ["period", "alliance", "hostility", "structural", "neutral", "new relations"],
         [[p["period"], *(str(p[k]) for k in ("alliance", "hostility", "structural", "neutral")),
           str(p["new_edge_count"])] for p in d["periods"]]),
    ]
    if d.get("unaligned"):
        out.insert(1, ("Unaligned actors", ["actor"], [[u["label"]] for u in d["unaligned"]]))
    return out


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _markdown(d: dict[str, Any], title: str, plots: dict[str, str]) -> str:
    lines = [f"# {_md_cell(title)}", "",
             f"{d['nodes']} actors, {d['edges']} relations, {d['signed_edges']} signed pairs ({d['view']} view).", ""]
    for name, (caption, _) in plots.items():
        lines += [f"![{caption}]({name})", ""]
    for heading, header, rows in sections(d):
        lines += [f"## {_md_cell(heading)}", ""]
        if not rows:
            lines += ["(none)", ""]
            continue
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


def _html(d: dict[str, Any], title: str, plots: dict[str, tuple[str, bytes]]) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{e(title)}</title>",
             "<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1100px}"
             "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 6px;"
             "vertical-align:top;text-align:left}th{background:#f3f3f3}img{max-width:100%}</style>",
             "</head><body>", f"<h1>{e(title)}</h1>",
             f"<p>{d['nodes']} actors, {d['edges']} relations, {d['signed_edges']} signed pairs "
             f"({e(d['view'])} view).</p>"]
    for caption, png in plots.values():
        data = base64.b64encode(png).decode("ascii")
        parts.append(f'<figure><img alt="{e(caption)}" src="data:image/png;base64,{data}">'
                     f"<figcaption>{e(caption)}</figcaption></figure>")
    for heading, header, rows in sections(d):
        parts.append(f"<h2>{e(heading)}</h2>")
        if not rows:
            parts.append("<p>(none)</p>")
            continue
        parts.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(d: dict[str, Any], out: str | Path, plots: dict[str, tuple[str, bytes | None]], *,
                 title: str = "actorgraph report") -> Path:
    """Write ``out`` (``.html`` or ``.md``); ``plots`` maps a short name to (caption, PNG bytes or None)."""
    out = Path(out)
    kept = {k: v for k, v in plots.items() if v[1]}
    if out.suffix.lower() in (".html", ".htm"):
        text = _html(d, title, kept)
    elif out.suffix.lower() in (".md", ".markdown"):
        names = {}
        for key, (caption, png) in kept.items():
            path = out.with_name(f"{out.stem}-{key}.png")
            with atomic_write(path, "wb") as fh:
                fh.write(png)
            names[path.name] = (caption, png)
        text = _markdown(d, title, names)
    else:
        raise ValueError(f"{out}: the report is written as .html or .md")
    with atomic_write(out) as fh:
        fh.write(text)
    return out
