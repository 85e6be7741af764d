"""Keep Paddle's start-up noise out of notebook outputs.

Three things would otherwise reach a reader's screen, and make notebook outputs
differ from machine to machine:

* Paddle's C++ core logs through glog (INFO and WARNING lines);
* on import, Paddle warns that the ``ccache`` compiler cache is missing;
* on import, Paddle configures Python's *root* logger: it sets its level to
  INFO and adds a handler that writes to stderr. From then on every library's
  INFO message is printed, such as matplotlib's "generated new fontManager" the
  first time it runs on a new machine.

The glog settings must be in place *before* ``import paddle``, and the root
logger must be put back right after it, which is why ``import lessons_src``
imports Paddle itself. Explained in chapter 1.
"""

import logging
import os
import warnings

_GLOG_SETTINGS = {
    "GLOG_minloglevel": "2",  # glog: show errors only, no INFO/WARNING lines
    "GLOG_v": "0",  # no verbose C++ logging
    "FLAGS_call_stack_level": "1",  # short C++ stack in error messages
}


def _quiet_paddle() -> None:
    """Import Paddle without its log lines, its ``ccache`` warning or its
    root-logger changes (chapter 1).

    Settings the user has made explicitly in the environment are kept, and so
    is any logging configuration made before this call.
    """
    for name, value in _GLOG_SETTINGS.items():
        os.environ.setdefault(name, value)
    warnings.filterwarnings(
        "ignore", message=r"No ccache found", category=UserWarning
    )
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    # imported here so that the root logger can be restored
    import paddle  # noqa: F401

    root.handlers[:] = handlers
    root.setLevel(level)
