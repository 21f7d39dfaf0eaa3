"""The browser edition (JupyterLite, `make site`): what its first cell runs once the course is installed."""

import logging


def load_matplotlib():
    """Import Matplotlib now, building its list of fonts without a warning.

    Each browser tab starts a Python with no saved font list: Matplotlib builds one at its first
    import, in a few seconds, and logs "Matplotlib is building the font cache", which a learner
    would take for a fault in whichever later cell first drew a figure.
    """
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        import matplotlib.pyplot  # noqa: F401
    finally:
        logger.setLevel(level)
