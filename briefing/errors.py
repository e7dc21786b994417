"""One exception tree for the whole tool; only the CLI catches it and maps it to exit codes."""


class BriefingError(Exception):
    """Base of every error the tool reports to users as one line."""

    exit_code = 1


class InputError(BriefingError):
    """An input cannot be read or understood (names the file and the problem)."""

    exit_code = 2


class ExtractionError(BriefingError):
    """Extraction failed on an article that was read correctly."""

    exit_code = 3


class RenderError(BriefingError):
    """A briefing could not be rendered or written."""

    exit_code = 4


class DeliveryError(BriefingError):
    """The digest could not be sent (the files are written all the same)."""

    exit_code = 5
