# Run once when mpilab starts its embedded Python: what makes N ranks of one script behave as N
# processes would, where the interpreter is shared.
#  - `import mpi4py` finds mpilab's own mpi4py (EMBEDDED_MODULES, set by the interpreter before this
#    runs), ahead of any installed one, in this interpreter only;
#  - sys.stdout and sys.stderr: what a rank prints becomes that rank's output lines, with its virtual
#    time (threads that are not ranks write to the real streams);
#  - sys.modules["__main__"]: each rank runs the script in its own __main__ module; the entry here
#    forwards to the calling rank's, so pickle finds the rank's own classes and functions;
#  - time.sleep in a rank advances its virtual clock instead of sleeping (as comm.compute would), so
#    timing examples show what they teach without making the run wait.
import importlib.abc
import importlib.util
import os
import sys
import time
import traceback
import types

import _mpilab


class EmbeddedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds and loads mpilab's embedded modules: name -> (filename, source, is_package)."""

    def __init__(self, table):
        self._table = table

    def find_spec(self, name, path=None, target=None):
        entry = self._table.get(name)
        if entry is None:
            return None
        return importlib.util.spec_from_loader(name, self, origin=entry[0], is_package=entry[2])

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        filename, source, _ = self._table[module.__spec__.name]
        module.__file__ = filename
        exec(compile(source, filename, "exec"), module.__dict__)

    def get_source(self, name):
        return self._table[name][1]


class RankStream:
    """A text stream whose writes from a rank become that rank's output."""

    def __init__(self, original, name):
        self._original = original
        self.name = name
        self.encoding = "utf-8"
        self.errors = "backslashreplace"

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        if _mpilab.write(text):
            return len(text)
        return self._original.write(text) if self._original is not None else len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        if not _mpilab.in_rank() and self._original is not None:
            self._original.flush()

    def isatty(self):
        return False

    def writable(self):
        return True

    def readable(self):
        return False

    def seekable(self):
        return False

    @property
    def closed(self):
        return False

    def fileno(self):
        if self._original is None:
            raise OSError("no file descriptor")
        return self._original.fileno()


class RankMain(types.ModuleType):
    """sys.modules['__main__']: the calling rank's own __main__ module."""

    def __getattribute__(self, name):
        module = _mpilab.main_module()
        if module is None:
            return types.ModuleType.__getattribute__(self, name)
        return getattr(module, name)

    def __setattr__(self, name, value):
        module = _mpilab.main_module()
        if module is None:
            return types.ModuleType.__setattr__(self, name, value)
        setattr(module, name, value)

    def __delattr__(self, name):
        module = _mpilab.main_module()
        if module is None:
            return types.ModuleType.__delattr__(self, name)
        delattr(module, name)

    def __dir__(self):
        module = _mpilab.main_module()
        return dir(module) if module is not None else types.ModuleType.__dir__(self)


class InPlace:
    """mpi4py.MPI.IN_PLACE: the receive buffer already holds this rank's contribution."""

    __slots__ = ()

    def __repr__(self):
        return "IN_PLACE"


def format_exception_only(exception):
    """A SyntaxError as Python shows it: the file and line, the code, the carets, the message."""
    return "".join(traceback.format_exception_only(type(exception), exception))


def format_exception(exception):
    """The traceback Python would print, without mpilab's own frames (mpi4py's are not Python either)."""
    te = traceback.TracebackException.from_exception(exception)
    for current in _chain(te):
        current.stack = traceback.StackSummary.from_list(
            [f for f in current.stack if not f.filename.startswith("<mpilab>")])
    return "".join(te.format())


def _chain(te):
    while te is not None:
        yield te
        te = te.__cause__ or (None if te.__suppress_context__ else te.__context__)


_script_dir = None


def prepare_run(argv, seed):
    """Before a run: the script's arguments, its folder first on sys.path (as `python script.py`
    does), the script's own modules forgotten so that an edited helper module is read again, and the
    random generators started from the run's seed (the ranks share them: see the README)."""
    global _script_dir
    import random
    random.seed(seed)
    try:
        import numpy
        numpy.random.seed(seed % 2**32)
    except ImportError:
        pass
    sys.argv = list(argv)
    directory = os.path.dirname(os.path.abspath(argv[0]))
    if _script_dir is not None and _script_dir in sys.path:
        sys.path.remove(_script_dir)
    sys.path.insert(0, directory)
    _script_dir = directory
    prefix = directory + os.sep
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not isinstance(file, str) or file.startswith("<") or "-packages" + os.sep in file:
            continue
        if os.path.abspath(file).startswith(prefix):
            del sys.modules[name]


def _install():
    sys.meta_path.insert(0, EmbeddedModules(EMBEDDED_MODULES))  # noqa: F821 (set by the interpreter)
    _mpilab.set_in_place(InPlace())
    sys.stdout = RankStream(sys.__stdout__, "<stdout>")
    sys.stderr = RankStream(sys.__stderr__, "<stderr>")
    sys.modules["__main__"] = RankMain("__main__")
    real_sleep = time.sleep

    def sleep(seconds):
        """Outside mpilab's ranks: time.sleep. In a rank: advances the rank's virtual clock."""
        if not _mpilab.compute(seconds):
            real_sleep(seconds)

    time.sleep = sleep


_install()
