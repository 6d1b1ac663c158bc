"""Data package: the actorgraph ontology, actor knowledge base and extraction patterns (Turtle)."""
