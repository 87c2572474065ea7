// Locations from Python frames and tracebacks (see frames.hpp). Names are interned once per rank
// and str object: the cache holds a reference, so an address is never reused for another name.
#include "app/frontends/python/frames.hpp"

#include "app/frontends/python/gil.hpp"
#include "app/frontends/python/rank_context.hpp"
#include "app/frontends/python/script_runner.hpp"

namespace mpilab::python {

namespace {

const char* interned(RankContext& context, PyObject* text) {
    auto it = context.texts.find(text);
    if (it != context.texts.end()) return it->second;
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    if (!utf8) {
        PyErr_Clear();
        return "";
    }
    const char* kept = intern_text(std::string_view(utf8, static_cast<std::size_t>(size)));
    Py_INCREF(text);
    context.texts.emplace(text, kept);
    return kept;
}

bool is_script_file(const RankContext& context, PyObject* filename) {
    if (filename == context.run.path_object) return true;
    const int equal = PyUnicode_Compare(filename, context.run.path_object);
    if (equal == -1 && PyErr_Occurred()) PyErr_Clear();
    return equal == 0;
}

// What a location needs from a frame: its code's file and qualified name (kept alive by `code`).
struct FrameFacts {
    Ref code;
    PyObject* filename = nullptr;
    PyObject* function = nullptr;
};

FrameFacts facts_of(PyFrameObject* frame) {
    FrameFacts f;
    f.code = Ref(reinterpret_cast<PyObject*>(PyFrame_GetCode(frame)));
    const auto* code = reinterpret_cast<const PyCodeObject*>(f.code.get());
    f.filename = code->co_filename;
    f.function = code->co_qualname;
    return f;
}

// The frame's current line, from the rank's cache of lines by code object and instruction offset.
int line_of(RankContext& context, PyFrameObject* frame, const FrameFacts& f) {
    const int offset = PyFrame_GetLasti(frame);
    if (offset < 0) return PyFrame_GetLineNumber(frame);
    auto [entry, new_code] = context.lines.try_emplace(f.code.get());
    if (new_code) Py_INCREF(f.code.get());   // held: its address is never reused for other code
    auto [line, new_offset] = entry->second.try_emplace(offset, 0);
    if (new_offset) line->second = PyFrame_GetLineNumber(frame);
    return line->second;
}

Location location_of(RankContext& context, const FrameFacts& f, int line) {
    return Location(interned(context, f.filename), static_cast<std::uint32_t>(line > 0 ? line : 0),
                    interned(context, f.function));
}

}  // namespace

bool is_mpilab_file(PyObject* filename) {
    static PyObject* const prefix = PyUnicode_InternFromString("<mpilab>");
    if (!PyUnicode_Check(filename)) return false;
    const Py_ssize_t match = PyUnicode_Tailmatch(filename, prefix, 0, PY_SSIZE_T_MAX, -1);
    if (match < 0) PyErr_Clear();
    return match == 1;
}

Location caller_location(RankContext& context) {
    PyFrameObject* frame = PyEval_GetFrame();   // borrowed
    Py_XINCREF(frame);
    Ref current(reinterpret_cast<PyObject*>(frame));
    Location fallback{};
    while (current) {
        auto* f = reinterpret_cast<PyFrameObject*>(current.get());
        const FrameFacts facts = facts_of(f);
        if (is_script_file(context, facts.filename)) return location_of(context, facts, line_of(context, f, facts));
        if (!fallback.known() && !is_mpilab_file(facts.filename))
            fallback = location_of(context, facts, line_of(context, f, facts));
        current = Ref(reinterpret_cast<PyObject*>(PyFrame_GetBack(f)));
    }
    return fallback;
}

ExceptionSite exception_site(RankContext& context, PyObject* exception) {
    ExceptionSite in_script, outside, last;
    Ref tb(PyException_GetTraceback(exception));
    while (tb && tb.get() != Py_None) {
        Ref frame(PyObject_GetAttrString(tb.get(), "tb_frame"));
        Ref line_object(PyObject_GetAttrString(tb.get(), "tb_lineno"));
        if (!frame || !line_object) {
            PyErr_Clear();
            break;
        }
        const int line = static_cast<int>(PyLong_AsLong(line_object.get()));
        const FrameFacts facts = facts_of(reinterpret_cast<PyFrameObject*>(frame.get()));
        ExceptionSite site{location_of(context, facts, line), interned(context, facts.function)};
        if (is_script_file(context, facts.filename))
            in_script = site;
        else if (!is_mpilab_file(facts.filename))
            outside = site;
        last = site;
        tb = Ref(PyObject_GetAttrString(tb.get(), "tb_next"));
        if (!tb) PyErr_Clear();
    }
    if (in_script.where.known()) return in_script;
    return outside.where.known() ? outside : last;
}

}  // namespace mpilab::python
