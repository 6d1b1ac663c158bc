"""``python -m graph`` is the ``actorgraph`` command."""
from .cli import main

main(prog_name="actorgraph")
