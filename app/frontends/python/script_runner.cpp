// Compiling a script and running it on N ranks (see script_runner.hpp).
#include "app/frontends/python/script_runner.hpp"

#include "app/frontends/python/frames.hpp"
#include "app/frontends/python/gil.hpp"
#include "app/frontends/python/interpreter.hpp"
#include "app/frontends/python/module.hpp"
#include "app/frontends/python/rank_context.hpp"
#include "core/engine.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace mpilab::python {

namespace {

// A function of the boot module (mpilab_boot.py), borrowed.
PyObject* boot_function(const char* name) {
    PyObject* boot = PyImport_AddModule("mpilab_boot");
    PyObject* function = boot ? PyObject_GetAttrString(boot, name) : nullptr;
    if (!function) throw PythonError{};
    Py_DECREF(function);   // the module keeps it
    return function;
}

std::string utf8(PyObject* text) {
    const char* s = text ? PyUnicode_AsUTF8(text) : nullptr;
    if (!s) {
        PyErr_Clear();
        return "?";
    }
    return s;
}

std::string format_compile_error(const std::string& path, PyObject* exception) {
    if (!PyErr_GivenExceptionMatches(exception, PyExc_SyntaxError)) {
        Ref text(PyObject_Str(exception));
        return path + ": " + Py_TYPE(exception)->tp_name + ": " + utf8(text.get()) + "\nNo rank was started.";
    }
    // Python's own rendering: `  File "x.py", line 3` / the line / the carets / `SyntaxError: ...`.
    Ref lines(PyObject_CallFunctionObjArgs(boot_function("format_exception_only"), exception, nullptr));
    Ref line_number(PyObject_GetAttrString(exception, "lineno"));
    Ref message(PyObject_GetAttrString(exception, "msg"));
    if (!lines || !line_number || !message) {
        PyErr_Clear();
        return path + ": SyntaxError\nNo rank was started.";
    }
    std::ostringstream out;
    out << path << ":" << PyLong_AsLong(line_number.get()) << ": " << Py_TYPE(exception)->tp_name << ": "
        << utf8(message.get()) << "\n"
        << utf8(lines.get()) << "No rank was started: fix the line and run again.";
    return out.str();
}

// ---- one rank ----

enum class Ending { Returned, Stopped, Failed };

struct RankEnding {
    Ending how = Ending::Returned;
    std::string kind, message;
    Location where{};
};

void flush_output(RankContext& context) {
    flush_deferred(context);
    if (context.line.empty()) return;
    std::string rest;
    rest.swap(context.line);
    WithoutGil unlocked;
    context.world.print_text(std::move(rest));
}

// The rank's output gets the traceback, as Python prints it (mpilab's own frames left out).
void print_traceback(RankContext& context, PyObject* exception) {
    Ref text(PyObject_CallFunctionObjArgs(boot_function("format_exception"), exception, nullptr));
    if (!text) {
        PyErr_Clear();
        return;
    }
    context.line += utf8(text.get());
    if (!context.line.ends_with('\n')) context.line += '\n';
    std::size_t newline;
    while ((newline = context.line.find('\n')) != std::string::npos) {
        std::string line = context.line.substr(0, newline);
        context.line.erase(0, newline + 1);
        WithoutGil unlocked;
        context.world.print_text(std::move(line));
    }
}

std::string rank_name(const RankContext& context) { return "rank " + std::to_string(context.rank); }

RankEnding system_exit(RankContext& context, PyObject* exception) {
    RankEnding ending;
    Ref code(PyObject_GetAttrString(exception, "code"));
    if (!code) PyErr_Clear();
    const ExceptionSite site = exception_site(context, exception);
    ExitInfo& exit = context.exit;
    exit.called = true;
    exit.where = site.where;
    const bool is_int = code && PyLong_Check(code.get());
    const long status = is_int ? PyLong_AsLong(code.get()) : 1;
    exit.success = !code || code.get() == Py_None || (is_int && status == 0);
    Ref shown(code && code.get() != Py_None ? PyObject_Repr(code.get()) : nullptr);
    exit.code = shown ? utf8(shown.get()) : "";   // sys.exit() or sys.exit(None)
    if (exit.success) return ending;
    if (code && !is_int) {   // sys.exit("message") prints the message, as Python does
        Ref text(PyObject_Str(code.get()));
        context.line += utf8(text.get()) + "\n";
        flush_output(context);
    }
    ending.how = Ending::Failed;
    ending.kind = "sys.exit";
    ending.where = site.where;
    ending.message = rank_name(context) + " called sys.exit(" + exit.code + ")" +
                     (site.where.known() ? " at " + std::string(site.where.file_name()) + ":" +
                                               std::to_string(site.where.line())
                                         : std::string()) +
                     ": a rank that exits with a non-zero status makes mpiexec stop the whole job. "
                     "Every other rank was stopped.";
    return ending;
}

RankEnding ending_of(RankContext& context, PyObject* exception) {
    if (PyErr_GivenExceptionMatches(exception, run_stopped_type())) return {Ending::Stopped, {}, {}, {}};
    if (PyErr_GivenExceptionMatches(exception, PyExc_SystemExit)) return system_exit(context, exception);
    print_traceback(context, exception);
    const ExceptionSite site = exception_site(context, exception);
    RankEnding ending;
    ending.how = Ending::Failed;
    ending.kind = "Python exception";
    ending.where = site.where;
    std::string what = describe_exception(nullptr, exception);
    ending.message = rank_name(context) + " raised " + what +
                     (site.where.known() ? " at " + std::string(site.where.file_name()) + ":" +
                                               std::to_string(site.where.line()) + " (in " + site.function + ")"
                                         : std::string()) +
                     "; its traceback is in the rank's output. An exception that escapes a rank ends its process, "
                     "and mpiexec stops the whole job: every other rank was stopped.";
    if (PyErr_GivenExceptionMatches(exception, PyExc_MemoryError)) {   // the run's memory ran out, as for C++
        ending.kind = "out of memory";
        ending.message = rank_name(context) + " ran out of memory (MemoryError)" +
                         (site.where.known() ? " at " + std::string(site.where.file_name()) + ":" +
                                                   std::to_string(site.where.line())
                                             : std::string()) +
                         ": lower -n or the message size; every other rank was stopped.";
    }
    return ending;
}

RankEnding execute(RankContext& context) {
    ScriptRun& run = context.run;
    Ref module(PyModule_New("__main__"));
    if (!module) return {Ending::Failed, "Python exception", describe_python_error(&context), {}};
    PyObject* globals = PyModule_GetDict(module.get());
    PyDict_SetItemString(globals, "__file__", run.path_object);
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyDict_SetItemString(globals, "__cached__", Py_None);
    Py_INCREF(module.get());
    context.main_module = module.get();

    Ref result(PyEval_EvalCode(run.code, globals, globals));
    RankEnding ending;
    if (!result) {
        Ref exception = take_exception();
        ending = exception ? ending_of(context, exception.get()) : RankEnding{};
    }
    flush_output(context);
    // The rank's objects go now, in its own thread (their __del__ prints are still the rank's).
    PyDict_Clear(globals);
    if (PyErr_Occurred()) PyErr_Clear();
    flush_output(context);
    return ending;
}

RankEnding run_rank(ScriptRun& run, Comm& world) {
    PyThreadState* state = PyThreadState_New(PyInterpreterState_Main());
    GilTurns::set_spin(world.engine() ? world.engine()->spin_nanoseconds() : 0);
    GilTurns::take(state);
    auto owned = std::make_unique<RankContext>(world, run);
    RankContext& context = *owned;
    run.ranks[static_cast<std::size_t>(world.rank())] = std::move(owned);
    set_current_rank(&context);
    RankEnding ending;
    try {
        ending = execute(context);
    } catch (const RunAborted&) {
        ending.how = Ending::Stopped;   // the run ended while the rank flushed its output
    } catch (const PythonError&) {
        ending = {Ending::Failed, "Python exception", describe_python_error(&context), {}};
    }
    set_current_rank(nullptr);
    PyThreadState_Clear(state);
    GilTurns::left();
    PyThreadState_DeleteCurrent();
    return ending;
}

std::string at_line(const std::string& file, std::uint32_t line) {
    return line ? " at " + file + ":" + std::to_string(line) : std::string();
}

// A deadlock waiting for a rank that left with sys.exit(0) is that exit's doing: under mpiexec the waiting
// ranks would hang for ever. The run ends as an error naming the exit and the ranks it left waiting.
void explain_exits(const ScriptRun& run, Outcome& outcome) {
    if (!outcome.deadlock) return;
    const DeadlockInfo& deadlock = *outcome.deadlock;
    for (const auto& context : run.ranks) {
        if (!context || !context->exit.called) continue;
        std::set<int> waiting;
        for (const WaitArc& arc : deadlock.arcs)
            if (arc.to == context->rank) waiting.insert(arc.from);
        if (waiting.empty()) continue;
        const Location& where = context->exit.where;
        std::string waits;
        for (const BlockedCall& b : deadlock.blocked) {
            if (!waiting.count(b.rank)) continue;
            waits += (waits.empty() ? "" : "; ") + std::string("rank ") + std::to_string(b.rank) + " in " + b.call_name +
                     at_line(b.file, b.line);
        }
        ErrorInfo error;
        error.rank = context->rank;
        error.call = "sys.exit";
        if (where.known()) {
            error.file = where.file_name();
            error.line = where.line();
        }
        error.kind = "sys.exit while others communicate";
        error.message = "rank " + std::to_string(context->rank) + " called sys.exit(" + context->exit.code + ")" +
                        at_line(error.file, error.line) + " while other ranks still wait for it (" + waits +
                        "). sys.exit ends only the rank that calls it: under mpiexec the waiting ranks would hang for "
                        "ever. Let every rank reach the end of the script; to stop every rank on purpose, call "
                        "comm.Abort().";
        outcome.status = OutcomeStatus::Error;
        outcome.message = "Error in rank " + std::to_string(error.rank) + ", sys.exit" + at_line(error.file, error.line) +
                          ": " + error.kind + ": " + error.message;
        outcome.error = std::move(error);
        outcome.deadlock.reset();
        return;
    }
}

}  // namespace

CompiledScript::CompiledScript(std::string path) : path_(std::move(path)) {
    std::ifstream in(path_, std::ios::binary);
    if (!in) throw ScriptError("cannot read the Python script " + path_ + ": no such file, or no permission to read it");
    std::ostringstream text;
    text << in.rdbuf();
    text_ = text.str();
    compile();
}

CompiledScript::CompiledScript(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
    compile();
}

void CompiledScript::compile() {
    if (text_.find('\0') != std::string::npos)
        throw ScriptError(path_ + " contains NUL bytes: it is not a Python script");
    start_interpreter();
    WithGil gil;
    path_object_ = PyUnicode_DecodeFSDefault(path_.c_str());
    if (path_object_) code_ = Py_CompileStringObject(text_.c_str(), path_object_, Py_file_input, nullptr, -1);
    if (!code_) {
        Ref exception = take_exception();
        std::string message = exception ? format_compile_error(path_, exception.get()) : path_ + ": cannot compile";
        Py_CLEAR(path_object_);
        throw ScriptError(message);
    }
}

CompiledScript::~CompiledScript() {
    WithGil gil;
    Py_CLEAR(code_);
    Py_CLEAR(path_object_);
}

RunResult CompiledScript::run(const Config& config, const std::vector<std::string>& argv,
                              const std::function<void(int rank)>& on_rank_start) const {
    ScriptRun run;
    run.path = path_;
    run.path_object = path_object_;
    run.code = code_;
    run.ranks.resize(static_cast<std::size_t>(std::max(config.ranks, 0)));
    {
        WithGil gil;
        Ref args(PyList_New(0));
        PyList_Append(args.get(), path_object_);
        for (const std::string& a : argv) PyList_Append(args.get(), Ref(PyUnicode_DecodeFSDefault(a.c_str())).get());
        Ref seed(PyLong_FromUnsignedLongLong(config.seed));
        Ref prepared(PyObject_CallFunctionObjArgs(boot_function("prepare_run"), args.get(), seed.get(), nullptr));
        if (!prepared) PyErr_Clear();
    }
    GilTurns::start_run();   // no rank thread is in Python between runs, whatever the last run's end
    Config rank_config = config;
    rank_config.stack_bytes = std::max(rank_config.stack_bytes, PYTHON_STACK_BYTES);
    RunResult result = mpilab::run(rank_config, [&run, &on_rank_start](Comm& world) {
        if (on_rank_start) on_rank_start(world.rank());
        RankEnding ending = run_rank(run, world);
        if (ending.how == Ending::Stopped) throw RunAborted{};
        if (ending.how == Ending::Failed) world.fail("", ending.kind, ending.message, ending.where);
    });
    explain_exits(run, result.trace.outcome);
    WithGil gil;
    for (auto& context : run.ranks)
        if (context) context->release_python_objects();
    run.ranks.clear();
    return result;
}

}  // namespace mpilab::python
