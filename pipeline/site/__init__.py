"""The page layer: mkdocs' events (hooks.py) and the modules each hands its work to."""
