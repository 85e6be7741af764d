"""Running untrusted answers: each in a process of its own, with limits, and the course's checker.

The grader imports Paddle, NumPy and the checkers once, then forks one child per answer (a fork
costs milliseconds; a fresh interpreter importing Paddle, seconds). Before the answer's code runs,
the child:

* starts a session of its own, so that the grader can kill it and anything it started;
* limits its CPU time, its memory (address space above what it inherited) and the size of any
  file it writes (its output goes to a file in the scratch copy, so printing without end fails);
* works in the submission's scratch copy, with its home and temporary folder there;
* installs a Python audit hook (PEP 578) that stops, and records: starting processes or threads,
  any socket (no network), writing, deleting or renaming anything outside the copy, ctypes,
  reaching other frames or the garbage collector's objects (the way to the checker's state),
  reading its own memory through ``/proc``,
  changing a class, tracing, and adding hooks. An audit hook cannot be removed.

The child then runs the course's own code of the chapter (the imports of its import cell and the
functions it defines before the exercise, from the course's English notebook:
``submissions.course_code``), then what the student's cell defines, one statement at a time, as
the notebook would after its earlier cells, and grades the exercise's function with
``lessons_src.exercises``'s checker, the student's verdict. (A statement of the student's that
fails, such as one using a variable of an earlier cell, is passed over; the function then fails
as it would.) An exercise cell left as the course hands it out is "not written yet" without a
child. After every call of the answer, it compares the checker's module,
NumPy and the builtins with what they were: an answer that replaced any of them is not graded.
The verdict reaches the grader through a pipe, behind a random token the child holds only in a
local variable, which the answer cannot reach; whatever else arrives is not a verdict. The
grader kills the child's session at the time limit and reports, for a child that gave no
verdict, why: time, CPU, or an end of the process.

This is defence in depth for a classroom, not a security boundary for hostile code: Python's
audit hooks are documented as not being a sandbox. Run the grader as a user who can write
nothing but the submissions.
"""

import ast
import builtins
import errno
import json
import os
import re
import resource
import secrets
import selectors
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy

from . import submissions

# Events that stop an answer whatever their arguments. A prefix ending in "." covers a family.
FORBIDDEN = (
    "os.fork",
    "os.forkpty",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "subprocess.Popen",
    "pty.spawn",
    "os.kill",
    "os.killpg",
    "signal.pthread_kill",
    "_thread.start_new_thread",
    "socket.",
    "ctypes.",
    "sys.addaudithook",
    "sys.settrace",
    "sys.setprofile",
    "sys._getframe",
    "sys._current_frames",
    "gc.get_objects",
    "gc.get_referrers",
    "gc.get_referents",
    "object.__getattr__",
    "object.__setattr__",
    "object.__delattr__",
)
# Events whose path arguments must lie inside the copy: (event, indices of path arguments).
WRITES = {
    "os.remove": (0,),
    "os.rename": (0, 1),
    "os.rmdir": (0,),
    "os.mkdir": (0,),
    "shutil.rmtree": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.link": (0, 1),
    "os.symlink": (0, 1),
    "os.truncate": (0,),
    "os.utime": (0,),
    "os.mkfifo": (0,),
    "os.mknod": (0,),
    "os.setxattr": (0,),
    "os.removexattr": (0,),
    "os.chflags": (0,),
}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
# A process's memory, read as a file: the way around the blocked frames to the token.
MEMORY = re.compile(r"/proc/[^/]+/(task/[^/]+/)?(mem|maps|smaps|pagemap)$")


@dataclass(frozen=True)
class Limits:
    seconds: float = 20.0  # wall time of one answer
    memory_mb: int = 1024  # above what the child inherits
    output_mb: int = 8  # any one file it writes, its printed output included


@dataclass
class Outcome:
    """A verdict, its reason in English and in Chinese, and the seconds grading took."""

    verdict: str  # right, not right yet, not written yet, or not graded
    english: str
    chinese: str
    seconds: float


def run(jobs: list[tuple[str, str, Path]], limits: Limits, workers: int) -> list[Outcome]:
    """Grade every (exercise, source, scratch folder), ``workers`` at a time; the outcomes in
    the order of ``jobs``."""
    _prepare(sorted({exercise for exercise, _, _ in jobs}))
    outcomes: list[Outcome | None] = [None] * len(jobs)
    waiting = []
    for index, (exercise, source, scratch) in enumerate(jobs):
        if submissions.untouched(exercise, source):
            outcomes[index] = Outcome(
                "not written yet",
                "the exercise cell is as the course hands it out",
                "练习单元格还是课程发下来时的样子，没有改动",
                0.0,
            )
        else:
            waiting.append((index, (exercise, source, scratch)))
    running: dict[int, _Child] = {}
    with selectors.DefaultSelector() as selector:
        while waiting or running:
            while waiting and len(running) < workers:
                index, job = waiting.pop(0)
                others = [c.pipe for c in running.values()] + [selector.fileno()]
                child = _start(index, *job, limits, others)
                running[child.pid] = child
                selector.register(child.pipe, selectors.EVENT_READ, child)
            deadline = min(child.deadline for child in running.values())
            for key, _ in selector.select(timeout=max(0.0, deadline - time.monotonic())):
                child = key.data
                data = os.read(child.pipe, 65536)
                child.received += data
                if data and len(child.received) < 1_000_000:
                    continue
                selector.unregister(child.pipe)
                outcomes[child.index] = _finish(child, limits, timed_out=False)
                del running[child.pid]
            now = time.monotonic()
            for pid, child in list(running.items()):
                if now >= child.deadline:
                    selector.unregister(child.pipe)
                    outcomes[child.index] = _finish(child, limits, timed_out=True)
                    del running[pid]
    return outcomes


@dataclass
class _Child:
    index: int  # of its job
    pid: int
    pipe: int
    token: bytes
    started: float
    deadline: float
    received: bytes = b""


def _prepare(exercises: list[str]) -> None:
    """Import, in the grader, what every child needs, so that a fork inherits it: the checkers
    and what the import cells of the exercises' chapters import (a child's imports are then
    lookups, not seconds of loading)."""
    import numpy.random  # noqa: F401 (NumPy loads it when first used, which a child cannot)
    import paddle  # noqa: F401 (chapter 3's checker builds models)

    import lessons_src.exercises  # noqa: F401
    import lessons_src.models  # noqa: F401

    for exercise in exercises:
        namespace = _namespace()
        for statement in submissions.course_code(exercise):
            try:
                exec(compile(statement, "course", "exec"), namespace)
            except Exception:  # noqa: BLE001 (a module this machine lacks, say)
                continue  # left out in the child too: its names stay undefined
            _COURSE_RUNS.add(statement)


# The statements of the course's code that ran in the grader, the only ones a child runs: a
# child cannot import what the grader could not (its audit hook stops what importing may do).
_COURSE_RUNS: set[str] = set()


def _start(
    index: int, exercise: str, source: str, scratch: Path, limits: Limits, others: list[int]
) -> _Child:
    """Fork the child of one job; ``others`` are the grader's descriptors the child must not
    keep (the other children's pipes: their verdicts are not its to read)."""
    token = secrets.token_hex(16).encode()
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: it never returns
        for descriptor in [read_end, *others]:
            os.close(descriptor)
        _child(exercise, source, scratch, limits, token, write_end)
    os.close(write_end)
    now = time.monotonic()
    return _Child(index, pid, read_end, token, now, now + limits.seconds)


def _finish(child: _Child, limits: Limits, timed_out: bool) -> Outcome:
    """The verdict the child sent, or why there is none; the child's session is killed."""
    seconds = time.monotonic() - child.started
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _, status = os.waitpid(child.pid, 0)
    os.close(child.pipe)
    for line in child.received.splitlines():
        if line.startswith(child.token + b" "):
            sent = json.loads(line[len(child.token) + 1 :])
            return Outcome(sent["verdict"], sent["english"], sent["chinese"], seconds)
    if timed_out:
        return Outcome(
            "not graded",
            f"it took longer than {limits.seconds:g} s (an endless loop?)",
            f"运行超过了 {limits.seconds:g} 秒（是死循环吗？）",
            seconds,
        )
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
        return Outcome(
            "not graded",
            f"it used more than {limits.seconds:g} s of CPU time",
            f"占用的 CPU 时间超过了 {limits.seconds:g} 秒",
            seconds,
        )
    return Outcome(
        "not graded",
        "the process ended before giving a verdict (did the code exit the interpreter?)",
        "进程在给出判定之前就结束了（代码是否退出了解释器？）",
        seconds,
    )


def _child(
    exercise: str, source: str, scratch: Path, limits: Limits, token: bytes, verdicts: int
) -> None:
    """Grade one answer in this forked process, send the verdict, and end."""
    try:
        os.setsid()
        outcome = _grade_here(exercise, source, scratch, limits)
        message = json.dumps({"verdict": outcome[0], "english": outcome[1], "chinese": outcome[2]})
        os.write(verdicts, token + b" " + message.encode() + b"\n")
    finally:
        os._exit(0)


def _grade_here(exercise: str, source: str, scratch: Path, limits: Limits) -> tuple[str, str, str]:
    from lessons_src import exercises

    _confine(scratch, limits)
    stopped: list[str] = []
    guarded = [exercises, numpy, builtins]
    before = [dict(vars(module)) for module in guarded]

    def changed() -> str | None:
        for module, names in zip(guarded, before):
            for name, value in names.items():
                if vars(module).get(name) is not value:
                    return f"{module.__name__}.{name}"
        return None

    sys.addaudithook(_hook(str(scratch.resolve()), stopped))
    try:
        namespace = _namespace()
        try:
            statements = ast.parse(source).body
        except SyntaxError as error:
            return (
                "not right yet",
                f"the cell has a syntax error (line {error.lineno}: {error.msg})",
                f"单元格有语法错误（第 {error.lineno} 行：{error.msg}）",
            )
        for statement in submissions.course_code(exercise):
            if statement in _COURSE_RUNS:
                exec(compile(statement, "course", "exec"), namespace)
        for statement in statements:
            code = compile(ast.Module(body=[statement], type_ignores=[]), "answer", "exec")
            try:
                exec(code, namespace)
            except Exception:
                if _defines(statement, exercise):
                    raise  # the answer itself fails: below, not graded, with why
                # another statement, as the notebook's cell would run it without this one
        answer = namespace.get(exercise)
        if not callable(answer):
            return ("not written yet", f"{exercise} is not defined", f"没有定义 {exercise}")

        def watched(*args, **kwargs):
            try:
                return answer(*args, **kwargs)
            except MemoryError:
                raise _OverLimit("memory") from None
            except OSError as error:
                if error.errno == errno.EFBIG:
                    raise _OverLimit("output") from None
                raise
            finally:
                replaced = changed()
                if replaced:
                    raise _Replaced(replaced)

        verdict = exercises._judge(exercise, watched)
    except _Replaced as replaced:
        return _not_graded_replaced(str(replaced))
    except _OverLimit as over:
        if str(over) == "memory":
            return (
                "not graded",
                f"it used more than {limits.memory_mb} MB of memory",
                f"占用的内存超过了 {limits.memory_mb} MB",
            )
        return (
            "not graded",
            f"it printed or wrote more than {limits.output_mb} MB",
            f"输出或写入的内容超过了 {limits.output_mb} MB",
        )
    except BaseException as error:  # SystemExit, KeyboardInterrupt: the answer left
        name = type(error).__name__
        return (
            "not graded",
            f"the answer stopped the grading ({name})",
            f"答案中止了评分（{name}）",
        )
    replaced = changed()
    if replaced:
        return _not_graded_replaced(replaced)
    if stopped:
        return (
            "not graded",
            f"it tried something the grader does not allow: {stopped[0]}",
            f"答案试图执行评分程序不允许的操作：{stopped[0]}",
        )
    return verdict


def _defines(statement: ast.stmt, name: str) -> bool:
    """Whether ``statement`` defines the function ``name``."""
    return isinstance(statement, submissions.FUNCTIONS) and statement.name == name


class _Replaced(BaseException):
    """The answer replaced part of the checker, NumPy or the builtins."""


class _OverLimit(BaseException):
    """The answer ran out of memory, or of the output it may write."""


def _not_graded_replaced(what: str) -> tuple[str, str, str]:
    return (
        "not graded",
        f"the answer replaced {what}, which the checker uses",
        f"答案替换了检查程序要用的 {what}",
    )


def _namespace() -> dict:
    """What an exercise cell can use without importing it: the names the chapters import."""
    import paddle
    from paddle import nn

    return {"__name__": "answer", "np": numpy, "Path": Path, "paddle": paddle, "nn": nn}


def _confine(scratch: Path, limits: Limits) -> None:
    """Limits, folders and output of this process, before any of the answer's code runs."""
    tmp = scratch / ".tmp"
    tmp.mkdir(exist_ok=True)
    os.chdir(scratch)
    os.environ.update(HOME=str(scratch), TMPDIR=str(tmp))
    tempfile.tempdir = str(tmp)
    sys.path[:] = [p for p in sys.path if p not in ("", ".", str(scratch))]
    cpu = int(limits.seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    inherited = _address_space()
    memory = inherited + limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    size = limits.output_mb * 2**20
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too large write fails, not the process
    output = os.open(scratch / ".output.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    nothing = os.open(os.devnull, os.O_RDONLY)
    os.dup2(nothing, 0)
    os.dup2(output, 1)
    os.dup2(output, 2)


def _address_space() -> int:
    """This process's virtual memory in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _hook(root: str, stopped: list[str]):
    """The audit hook: stop what FORBIDDEN and WRITES name, and record it in ``stopped``."""

    def inside(path) -> bool:
        if isinstance(path, int):
            return True  # an open file descriptor: already allowed when it was opened
        full = os.path.realpath(os.fsdecode(path))
        return full == root or full.startswith(root + os.sep)

    def stop(what: str):
        stopped.append(what)
        raise PermissionError(f"the grader does not allow this: {what}")

    def hook(event: str, args: tuple) -> None:
        if event.startswith(FORBIDDEN):
            stop(event)
        elif event == "open" and args[0] is not None:
            path, mode, flags = args
            writes = any(c in (mode or "") for c in "wax+") or bool((flags or 0) & WRITE_FLAGS)
            if writes and not inside(path):
                stop(f"writing {os.fsdecode(path)}")
            if not isinstance(path, int) and MEMORY.match(os.fsdecode(path)):
                stop(f"reading {os.fsdecode(path)}")  # where the verdict's token is
        elif event in WRITES:
            for index in WRITES[event]:
                if index < len(args) and args[index] is not None and not inside(args[index]):
                    stop(f"{event} {os.fsdecode(args[index])}")

    return hook
