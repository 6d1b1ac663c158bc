"""actorgraph: conflict and geopolitical news → an actor-relationship knowledge graph."""
__version__ = "0.1.0"
