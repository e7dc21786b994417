"""Built-in Jinja templates (installed as package data)."""
