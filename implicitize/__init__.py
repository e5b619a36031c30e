"""The implicitization engine: from a variety's parametrisation to the ideal of its closure."""

__all__: list[str] = []
