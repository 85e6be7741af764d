"""Keep Paddle's start-up noise out of notebook outputs.

Paddle's C++ core logs through glog and, on import, warns that the ``ccache``
compiler cache is missing. Neither says anything a reader needs, and both would
make notebook outputs differ from run to run. The settings must be in place
*before* ``import paddle``, which is why ``import lessons_src`` applies them.
Explained in chapter 1.
"""

import os
import warnings

_GLOG_SETTINGS = {
    "GLOG_minloglevel": "2",  # glog: show errors only, no INFO/WARNING lines
    "GLOG_v": "0",  # no verbose C++ logging
    "FLAGS_call_stack_level": "1",  # short C++ stack in error messages
}


def quiet_paddle() -> None:
    """Silence Paddle's C++ log lines and its ``ccache`` warning (chapter 1).

    Settings the user has made explicitly in the environment are kept.
    """
    for name, value in _GLOG_SETTINGS.items():
        os.environ.setdefault(name, value)
    warnings.filterwarnings("ignore", message=r"No ccache found", category=UserWarning)
