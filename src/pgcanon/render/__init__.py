"""Renderers of changes: :mod:`pgcanon.render.text` for people, :mod:`pgcanon.render.json` for programs."""
