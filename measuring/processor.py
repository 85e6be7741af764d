"""The processor a measurement ran on: its model, its cores, and whether it has AVX-512.

The same chapter takes about 2.5 times longer on a processor without AVX-512 than on one with it
(issue 35 of the course's history), so every time the course records says where it was taken.
"""

import os
import platform
from pathlib import Path

CPUINFO = Path("/proc/cpuinfo")


def describe() -> dict:
    """{"model": ..., "cores": ..., "avx512": ...}; the model is the platform's own word where
    /proc/cpuinfo is missing, and AVX-512 then unknown (None)."""
    model, flags = platform.processor() or platform.machine(), None
    if CPUINFO.exists():
        for line in CPUINFO.read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                model = value.strip()
            elif key.strip() == "flags":
                flags = value.split()
            if flags is not None and model:
                break
    return {
        "model": model,
        "cores": os.cpu_count(),
        "avx512": None if flags is None else "avx512f" in flags,
    }
