"""Geometry for the SVG pictures (timeline, figures by source); templates draw them."""
