"""rednotice: the red notice process end to end, built so that abuse is hard, visible and reversible."""

__version__ = "0.1.0"
