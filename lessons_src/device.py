"""Choosing where Paddle computes: a GPU when there is one, else the CPU.

Explained in chapter 1 (used everywhere) and in depth in chapter 6.
"""

import os

DEVICE_ENV = "COURSE_DEVICE"


class DeviceError(RuntimeError):
    """An explicitly requested device is not available on this machine
    (chapter 6)."""


def gpu_count() -> int:
    """Number of GPUs Paddle can use: 0 for a CPU-only build or a machine
    without GPUs (chapter 6)."""
    import paddle

    if not paddle.device.is_compiled_with_cuda():
        return 0
    return paddle.device.cuda.device_count()


def choose_device(request: str | None = None) -> str:
    """Pick a device, make it Paddle's default, say which, and return its name
    (chapter 1).

    ``request`` is ``"auto"``, ``"cpu"``, ``"gpu"`` or ``"gpu:N"``; when it is
    None, the ``COURSE_DEVICE`` environment variable decides, and when that is
    unset too, ``"auto"`` does: the first GPU if Paddle was built with CUDA and
    sees one, otherwise the CPU. An explicit GPU request on a machine without a
    usable GPU raises DeviceError instead of silently running on the CPU.
    """
    import paddle

    request = (request or os.environ.get(DEVICE_ENV) or "auto").strip().lower()
    gpus = gpu_count()
    if request == "auto":
        device = "gpu:0" if gpus else "cpu"
        reason = (
            "a GPU is available" if gpus else "no GPU is available to Paddle"
        )
    elif request == "cpu":
        device, reason = "cpu", "requested"
    elif request == "gpu" or request.startswith("gpu:"):
        index_text = request.partition(":")[2] or "0"
        if not index_text.isdigit():
            raise ValueError(
                f"Device {request!r} is not understood: write it as 'gpu' or "
                "'gpu:0'."
            )
        if int(index_text) >= gpus:
            why = (
                "this Paddle is the CPU build; install the GPU build for your "
                "CUDA version"
                if not paddle.device.is_compiled_with_cuda()
                else f"Paddle sees {gpus} GPU(s)"
            )
            raise DeviceError(
                f"Device {request!r} was requested but is not available: "
                f"{why}. Use 'auto' or 'cpu' instead (argument or "
                f"{DEVICE_ENV})."
            )
        device, reason = f"gpu:{index_text}", "requested"
    else:
        raise ValueError(
            f"Device {request!r} is not understood: use 'auto', 'cpu', 'gpu' "
            f"or 'gpu:N' (argument or {DEVICE_ENV})."
        )
    paddle.set_device(device)
    print(f"Running on {device.upper()} ({reason}).")
    return device
