"""Short synthetic news wires for the kill tests: each a title, a date and two to five sentences
naming knowledge-base actors with verbs the real extractor reads (our own template sentences)."""
from __future__ import annotations

import random
from pathlib import Path

ACTORS = ("Iran", "Kataib Hezbollah", "the Houthis", "Hezbollah", "Israel", "the United States", "Hamas",
          "Syria", "Russia", "Turkey", "Saudi Arabia", "the IRGC")
FRAMES = ("{a} attacked {b}.", "{a} condemned {b}.", "{b} is backed by {a}.", "{a} armed and trained {b}.",
          "{a} threatened {b}.", "{a} met with {b} in Baghdad.", "{a} sanctioned {b}.")


def make_wires(folder: Path, n: int, seed: int = 7) -> Path:
    """Write ``n`` wires as ``folder/NNNN.txt``; returns ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            a, b = rng.sample(ACTORS, 2)
            s = rng.choice(FRAMES).format(a=a, b=b)
            sentences.append(s[0].upper() + s[1:])
        head = f"Title: Synthetic wire {i}\nDate: 20{10 + i % 15}-0{1 + i % 9}-1{i % 9}\n\n"
        (folder / f"{i:04d}.txt").write_text(head + " ".join(sentences) + "\n", encoding="utf-8")
    return folder
