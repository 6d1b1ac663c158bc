"""Reading documents: which files (:mod:`.paths`), plain text (:mod:`.txt`), web pages (:mod:`.html`),
JSON exports (:mod:`.jsonl`), dates (:mod:`.dates`); :mod:`.documents` puts them together."""
