# Status and Request of mpilab's mpi4py. A Request is a rank's handle on a non-blocking operation in
# the core; completing it (wait, test, waitall, ...) sets it to the null request, as MPI does. The
# lowercase forms return the received object (unpickled here), the capitalised ones True or a flag.
import pickle as _pickle

import _mpilab as _c

UNDEFINED = -32766
_loads = _pickle.loads
_EMPTY = (-1, -1, 0, 0)   # MPI's empty status: ANY_SOURCE, ANY_TAG, no data


class Status:
    """What a completed receive or a probe tells: source, tag, size."""

    __slots__ = ("source", "tag", "error", "_bytes", "_cancelled")

    def __init__(self, status=None):
        if status is None:
            self.source, self.tag, self.error, self._bytes, self._cancelled = -1, -1, 0, 0, False
        else:
            self.source, self.tag, self.error = status.source, status.tag, status.error
            self._bytes, self._cancelled = status._bytes, status._cancelled

    def _set(self, t):
        self.source, self.tag, self._bytes, self._cancelled = t[0], t[1], t[2], bool(t[3])
        self.error = 0

    def Get_source(self):
        return self.source

    def Set_source(self, source):
        self.source = source

    def Get_tag(self):
        return self.tag

    def Set_tag(self, tag):
        self.tag = tag

    def Get_error(self):
        return self.error

    def Set_error(self, error):
        self.error = error

    def Get_count(self, datatype=None):
        size = 1 if datatype is None else datatype.Get_size()
        if size <= 0 or self._bytes % size:
            return UNDEFINED
        return self._bytes // size

    def Get_elements(self, datatype):
        return self.Get_count(datatype)

    def Set_elements(self, datatype, count):
        self._bytes = count * datatype.Get_size()

    def Is_cancelled(self):
        return self._cancelled

    def Set_cancelled(self, flag):
        self._cancelled = bool(flag)

    count = property(lambda self: self.Get_count())
    cancelled = property(Is_cancelled)

    def __repr__(self):
        return "<mpi4py.MPI.Status source=%d tag=%d count=%d>" % (self.source, self.tag, self._bytes)


def _fill(status, t):
    if status is not None and t is not None:
        status._set(t)


def _ids(requests):
    return [r._id if r is not None else 0 for r in requests]


def _value(r, data):
    return _loads(data) if data is not None else None


class Request:
    """A non-blocking operation's handle."""

    __slots__ = ("_id",)

    def __init__(self, request=None):
        self._id = 0 if request is None else request._id

    @classmethod
    def _of(cls, rid):
        r = cls.__new__(cls)
        r._id = rid
        return r

    def __eq__(self, other):
        return isinstance(other, Request) and self._id == other._id

    def __hash__(self):
        return hash(self._id)

    def __bool__(self):
        return self._id != 0

    def __repr__(self):
        return "<mpi4py.MPI.Request %s>" % (self._id or "null")

    # ---- one request ----

    def _complete(self, status, blocking):
        if not self._id:
            _fill(status, _EMPTY)   # a null request: an empty status, at once
            return True, None
        flag, data, t = _c.wait(self._id) if blocking else _c.test(self._id)
        if flag:
            self._id = 0
            _fill(status, t)
        return flag, data

    def Wait(self, status=None):
        self._complete(status, True)
        return True

    def wait(self, status=None):
        return _value(self, self._complete(status, True)[1])

    def Test(self, status=None):
        return self._complete(status, False)[0]

    def test(self, status=None):
        flag, data = self._complete(status, False)
        return flag, (_value(self, data) if flag else None)

    def Get_status(self, status=None):
        if not self._id:
            _fill(status, _EMPTY)
            return True
        flag, t = _c.get_status(self._id)
        if flag:
            _fill(status, t)
        return flag

    get_status = Get_status

    def Cancel(self):
        if self._id:
            _c.cancel(self._id)

    cancel = Cancel

    def Free(self):
        if self._id:
            _c.request_free(self._id)
            self._id = 0

    # ---- many requests (class methods, as mpi4py has them) ----

    @classmethod
    def Waitall(cls, requests, statuses=None):
        cls.waitall(requests, statuses)
        return True

    @classmethod
    def waitall(cls, requests, statuses=None):
        requests = list(requests)
        results = _c.waitall(_ids(requests))
        values = []
        for i, (r, (data, t)) in enumerate(zip(requests, results)):
            if r is not None:
                r._id = 0
            if statuses is not None and i < len(statuses):
                _fill(statuses[i], t)
            values.append(_value(r, data))
        return values

    @classmethod
    def Testall(cls, requests, statuses=None):
        return cls.testall(requests, statuses)[0]

    @classmethod
    def testall(cls, requests, statuses=None):
        requests = list(requests)
        results = _c.testall(_ids(requests))
        if results is None:
            return False, None
        values = []
        for i, (r, (data, t)) in enumerate(zip(requests, results)):
            if r is not None:
                r._id = 0
            if statuses is not None and i < len(statuses):
                _fill(statuses[i], t)
            values.append(_value(r, data))
        return True, values

    @classmethod
    def _any(cls, requests, status, blocking):
        requests = list(requests)
        index, data, t = (_c.waitany if blocking else _c.testany)(_ids(requests))
        if index >= 0:
            requests[index]._id = 0
            _fill(status, t)
            return index, True, _value(requests[index], data)
        if index == -1:   # every request is null
            _fill(status, _EMPTY)
            return UNDEFINED, True, None
        return UNDEFINED, False, None   # testany: none has completed

    @classmethod
    def Waitany(cls, requests, status=None):
        return cls._any(requests, status, True)[0]

    @classmethod
    def waitany(cls, requests, status=None):
        index, _, value = cls._any(requests, status, True)
        return index, value

    @classmethod
    def Testany(cls, requests, status=None):
        index, flag, _ = cls._any(requests, status, False)
        return index, flag

    @classmethod
    def testany(cls, requests, status=None):
        return cls._any(requests, status, False)

    @classmethod
    def _some(cls, requests, statuses, blocking):
        requests = list(requests)
        done = (_c.waitsome if blocking else _c.testsome)(_ids(requests))
        if done is None:   # every request is null
            return None, None
        indices, values = [], []
        for index, data, t in done:
            requests[index]._id = 0
            if statuses is not None and index < len(statuses):
                _fill(statuses[index], t)
            indices.append(index)
            values.append(_value(requests[index], data))
        return indices, values

    @classmethod
    def Waitsome(cls, requests, statuses=None):
        return cls._some(requests, statuses, True)[0]

    @classmethod
    def waitsome(cls, requests, statuses=None):
        return cls._some(requests, statuses, True)

    @classmethod
    def Testsome(cls, requests, statuses=None):
        return cls._some(requests, statuses, False)[0]

    @classmethod
    def testsome(cls, requests, statuses=None):
        return cls._some(requests, statuses, False)


REQUEST_NULL = Request()
