// Buffer specs -> pinned core buffers (see buffers.hpp).
#include "app/frontends/python/buffers.hpp"

#include "app/frontends/python/gil.hpp"

#include <cstring>

namespace mpilab::python {

namespace {

[[noreturn]] void raise(PyObject* type, const std::string& message) {
    PyErr_SetString(type, message.c_str());
    throw PythonError{};
}

TypeKind sized_integer(bool is_signed, Py_ssize_t size, bool& ok) {
    ok = true;
    switch (size) {
    case 1: return is_signed ? TypeKind::Int8 : TypeKind::UInt8;
    case 2: return is_signed ? TypeKind::Int16 : TypeKind::UInt16;
    case 4: return is_signed ? TypeKind::Int32 : TypeKind::UInt32;
    case 8: return is_signed ? TypeKind::Int64 : TypeKind::UInt64;
    default: ok = false; return TypeKind::Byte;
    }
}

std::string type_name(PyObject* o) { return Py_TYPE(o)->tp_name; }

long as_long(PyObject* o, const char* call, const char* what) {
    const long v = PyLong_AsLong(o);
    if (v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        raise(PyExc_TypeError, std::string(call) + ": " + what + " must be an integer");
    }
    return v;
}

std::vector<int> int_list(PyObject* o, const char* call, const char* what) {
    std::vector<int> out;
    if (o == Py_None) return out;
    Ref seq(PySequence_Fast(o, what));
    if (!seq) throw PythonError{};
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq.get());
    for (Py_ssize_t i = 0; i < n; ++i)
        out.push_back(static_cast<int>(as_long(PySequence_Fast_GET_ITEM(seq.get(), i), call, what)));
    return out;
}

}  // namespace

namespace {
PyObject* in_place_object = nullptr;
}  // namespace

PyObject* in_place_sentinel() { return in_place_object; }

void set_in_place_sentinel(PyObject* object) {
    Py_XINCREF(object);
    Py_XSETREF(in_place_object, object);
}

bool kind_of_format(const char* format, Py_ssize_t itemsize, TypeKind& kind, std::string& why) {
    std::string f = format ? format : "B";
    if (!f.empty() && (f[0] == '@' || f[0] == '=' || f[0] == '<')) f.erase(0, 1);
    if (!f.empty() && (f[0] == '>' || f[0] == '!')) {
        why = "big-endian elements (format '" + std::string(format) + "')";
        return false;
    }
    std::size_t digits = 0;
    while (digits < f.size() && f[digits] >= '0' && f[digits] <= '9') ++digits;
    const std::string code = f.substr(digits);
    bool ok = false;
    if (code == "b" || code == "h" || code == "i" || code == "l" || code == "q" || code == "n")
        kind = sized_integer(true, itemsize, ok);
    else if (code == "B" || code == "H" || code == "I" || code == "L" || code == "Q" || code == "N")
        kind = sized_integer(false, itemsize, ok);
    else if (code == "?")
        kind = TypeKind::Bool, ok = itemsize == 1;
    else if (code == "c" || code == "s")
        kind = TypeKind::Char, ok = true;
    else if (code == "f" && itemsize == 4)
        kind = TypeKind::Float, ok = true;
    else if (code == "d" && itemsize == 8)
        kind = TypeKind::Double, ok = true;
    if (!ok) {
        why = code.starts_with("Z") ? "complex elements (format '" + std::string(format) + "')"
                                    : "elements of format '" + std::string(format) + "'";
        return false;
    }
    return true;
}

PinnedBuffer::~PinnedBuffer() {
    if (held_) PyBuffer_Release(&view_);
}

PinnedBuffer::PinnedBuffer(PinnedBuffer&& other) noexcept
    : view_(other.view_), held_(other.held_), none_(other.none_), in_place_(other.in_place_),
      buffer_(other.buffer_), counts_(std::move(other.counts_)), displs_(std::move(other.displs_)) {
    other.held_ = false;
}

void PinnedBuffer::move_view_to(std::vector<Py_buffer>& views) {
    if (!held_) return;
    views.push_back(view_);
    held_ = false;
}

namespace {

// Pins `object` and fills `buffer` with its memory typed as `kind` (-1: from its format). Returns the
// capacity in elements.
std::int64_t pin(PyObject* object, long kind, bool writable, const char* call, Py_buffer& view, bool& held,
                 Buffer& buffer) {
    if (!PyObject_CheckBuffer(object))
        raise(PyExc_TypeError,
              std::string("message: expecting buffer or list/tuple (") + call + " got " + type_name(object) +
                  ": the capitalised calls take a buffer such as a numpy array, e.g. np.array([x], dtype='i'); "
                  "for a Python object use the lowercase call)");
    const int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(object, &view, flags) != 0) {
        if (writable && PyErr_ExceptionMatches(PyExc_BufferError)) {
            PyErr_Clear();
            raise(PyExc_BufferError, std::string(call) + ": the receive buffer (" + type_name(object) +
                                         ") is read-only or not contiguous: give a writable contiguous array, "
                                         "e.g. np.empty(n, dtype=...)");
        }
        throw PythonError{};
    }
    held = true;
    Datatype type{};
    if (kind >= 0) {
        if (kind >= static_cast<long>(TypeKind::Generic))
            raise(PyExc_ValueError, std::string(call) + ": unknown datatype");
        type = datatype_from_kind(static_cast<TypeKind>(kind));
    } else {
        TypeKind k{};
        std::string why;
        if (!kind_of_format(view.format, view.itemsize, k, why))
            raise(PyExc_NotImplementedError,
                  std::string(call) + ": mpilab does not simulate " + why + "; convert the array, e.g. arr.astype('d')");
        type = datatype_from_kind(k);
    }
    buffer = Buffer(view.buf, 0, type);
    return static_cast<std::int64_t>(view.len) / type.size;
}

}  // namespace

PinnedBuffer PinnedBuffer::from_spec(PyObject* spec, bool writable, const char* call) {
    PinnedBuffer b;
    if (spec == Py_None) return b;
    b.none_ = false;
    if (spec == in_place_sentinel()) {
        b.in_place_ = true;
        return b;
    }
    if (!PyTuple_Check(spec) || PyTuple_GET_SIZE(spec) != 4)
        raise(PyExc_TypeError, std::string(call) + ": internal error: unresolved buffer spec");
    const long kind = as_long(PyTuple_GET_ITEM(spec, 1), call, "datatype");
    const std::int64_t capacity = pin(PyTuple_GET_ITEM(spec, 0), kind, writable, call, b.view_, b.held_, b.buffer_);
    const long count = as_long(PyTuple_GET_ITEM(spec, 2), call, "count");
    const long displ = as_long(PyTuple_GET_ITEM(spec, 3), call, "displacement");
    if (count < -1 || displ < 0)
        raise(PyExc_ValueError, std::string(call) + ": message: negative count or displacement");
    const std::int64_t n = count < 0 ? capacity - displ : count;
    if (n < 0 || displ + n > capacity)
        raise(PyExc_ValueError, std::string(call) + ": message: the buffer holds " + std::to_string(capacity) + " " +
                                    std::string(b.buffer_.type.name()) + " elements, fewer than the " +
                                    std::to_string(displ + n) + " the spec asks for");
    b.buffer_.data = static_cast<std::byte*>(b.buffer_.data) + displ * static_cast<std::int64_t>(b.buffer_.type.size);
    b.buffer_.count = n;
    return b;
}

PinnedBuffer PinnedBuffer::from_vector_spec(PyObject* spec, bool writable, int ranks, const char* call) {
    PinnedBuffer b;
    if (spec == Py_None) return b;
    b.none_ = false;
    if (spec == in_place_sentinel()) {
        b.in_place_ = true;
        return b;
    }
    if (!PyTuple_Check(spec) || PyTuple_GET_SIZE(spec) != 4)
        raise(PyExc_TypeError, std::string(call) + ": internal error: unresolved buffer spec");
    const long kind = as_long(PyTuple_GET_ITEM(spec, 1), call, "datatype");
    const std::int64_t capacity = pin(PyTuple_GET_ITEM(spec, 0), kind, writable, call, b.view_, b.held_, b.buffer_);
    b.counts_ = int_list(PyTuple_GET_ITEM(spec, 2), call, "counts");
    b.displs_ = int_list(PyTuple_GET_ITEM(spec, 3), call, "displacements");
    if (b.counts_.empty()) b.counts_.assign(static_cast<std::size_t>(ranks), static_cast<int>(capacity / ranks));
    if (b.displs_.empty()) {
        int at = 0;
        for (int c : b.counts_) {
            b.displs_.push_back(at);
            at += c;
        }
    }
    b.buffer_.count = capacity;
    return b;
}

}  // namespace mpilab::python
