// The thread-local current rank, and the release of what a rank's context holds.
#include "app/frontends/python/rank_context.hpp"

namespace mpilab::python {

namespace {
thread_local RankContext* current = nullptr;
}  // namespace

RankContext* current_rank() { return current; }
void set_current_rank(RankContext* context) { current = context; }

void RankContext::release_python_objects() {
    for (auto& [id, pending] : requests)
        for (Py_buffer& view : pending.views) PyBuffer_Release(&view);
    requests.clear();
    for (auto& [text, kept] : texts) Py_DECREF(text);
    texts.clear();
    for (auto& [code, by_offset] : lines) Py_DECREF(code);
    lines.clear();
    for (PyObject* object : kept) Py_DECREF(object);
    kept.clear();
    Py_CLEAR(main_module);
}

}  // namespace mpilab::python
