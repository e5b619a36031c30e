"""The mathematical objects: output and pattern varieties, rank constraints and dimensions."""

__all__: list[str] = []
