// The buffers of the capitalised calls: a buffer spec resolved by mpi4py/_buffers.py (a tuple
// (object, kind, count, displacement) or (object, kind, counts, displs), None, or IN_PLACE) becomes a
// core Buffer over the object's memory, pinned through the buffer protocol for as long as the
// operation may touch it. The element type comes from the spec's datatype or the buffer's own format
// (numpy's dtype, array.array's typecode); a buffer without the buffer protocol is the TypeError
// mpi4py gives, with what to do instead.
#pragma once

#include <Python.h>

#include "core/types.hpp"

#include <string>
#include <vector>

namespace mpilab::python {

// mpi4py.MPI.IN_PLACE: one object (made by the boot module), compared by identity.
PyObject* in_place_sentinel();
void set_in_place_sentinel(PyObject* object);

class PinnedBuffer {
public:
    PinnedBuffer() = default;
    ~PinnedBuffer();   // releases the view; needs the GIL
    PinnedBuffer(PinnedBuffer&& other) noexcept;
    PinnedBuffer& operator=(PinnedBuffer&&) = delete;
    PinnedBuffer(const PinnedBuffer&) = delete;

    // Resolves `spec` for `call`; throws PythonError (a Python exception set) when it cannot.
    static PinnedBuffer from_spec(PyObject* spec, bool writable, const char* call);
    // The v-collectives' spec; `ranks` entries of counts and displacements (defaults filled in).
    static PinnedBuffer from_vector_spec(PyObject* spec, bool writable, int ranks, const char* call);

    bool none() const { return none_; }
    bool in_place() const { return in_place_; }
    const Buffer& buffer() const { return buffer_; }
    ConstBuffer send() const { return in_place_ ? mpilab::in_place() : ConstBuffer(buffer_); }
    const std::vector<int>& counts() const { return counts_; }
    const std::vector<int>& displs() const { return displs_; }

    // Hands the pinned view over to a pending operation (which releases it when it completes).
    void move_view_to(std::vector<Py_buffer>& views);

private:
    Py_buffer view_{};
    bool held_ = false;
    bool none_ = true;
    bool in_place_ = false;
    Buffer buffer_{};
    std::vector<int> counts_, displs_;
};

// The core's element type of a buffer format ("i", "<d", "=q", "5s"): false if mpilab has none.
bool kind_of_format(const char* format, Py_ssize_t itemsize, TypeKind& kind, std::string& why);

}  // namespace mpilab::python
