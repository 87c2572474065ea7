"""mpilab's mpi4py: the mpi4py 3.1 API on mpilab's simulated MPI runtime.

Only scripts run by mpilab (`mpilab run script.py`) see this package; everywhere else `import mpi4py`
finds the system's mpi4py as usual. See mpi4py.MPI.
"""

__version__ = "3.1.4"
__mpilab__ = True


class _RC:
    """mpi4py.rc: the settings mpi4py reads when MPI is imported. mpilab's MPI is initialised when the
    script starts unless rc.initialize is False before `from mpi4py import MPI`; the others are
    accepted and have no effect."""

    def __init__(self):
        self.initialize = True
        self.threads = True
        self.thread_level = "multiple"
        self.finalize = None
        self.fast_reduce = True
        self.recv_mprobe = True
        self.errors = "exception"

    def __call__(self, **kwargs):
        for key, value in kwargs.items():
            if not hasattr(self, key):
                raise TypeError("unexpected argument %r" % key)
            setattr(self, key, value)


rc = _RC()


def get_include():
    raise NotImplementedError("mpi4py.get_include: mpilab's mpi4py has no C headers (it is simulated)")


def get_config():
    return {}


def profile(name=None, **kwargs):
    pass
