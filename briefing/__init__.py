"""briefing: turn a pile of news articles about one situation into a sourced briefing."""

__version__ = "0.1.0"
