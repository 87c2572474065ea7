// Starting the embedded interpreter (see interpreter.hpp). The boot module gets the table of embedded
// modules and installs the finder that serves them, the rank-aware stdout/stderr, the per-rank
// __main__ and the virtual time.sleep.
#include "app/frontends/python/interpreter.hpp"

#include "app/frontends/python/embedded_modules.hpp"
#include "app/frontends/python/gil.hpp"
#include "app/frontends/python/module.hpp"

#include <Python.h>

#include <mutex>

#ifndef MPILAB_PYTHON_HOME
#define MPILAB_PYTHON_HOME "/usr"
#endif

namespace mpilab::python {

namespace {

struct EmbeddedModule {
    const char* name;
    const char* path;   // relative to the repository
    bool package;
};

constexpr EmbeddedModule modules[] = {
    {"mpi4py", "app/frontends/python/py/mpi4py/__init__.py", true},
    {"mpi4py.MPI", "app/frontends/python/py/mpi4py/MPI.py", false},
    {"mpi4py._buffers", "app/frontends/python/py/mpi4py/_buffers.py", false},
    {"mpi4py._comm", "app/frontends/python/py/mpi4py/_comm.py", false},
    {"mpi4py._datatypes", "app/frontends/python/py/mpi4py/_datatypes.py", false},
    {"mpi4py._ops", "app/frontends/python/py/mpi4py/_ops.py", false},
    {"mpi4py._requests", "app/frontends/python/py/mpi4py/_requests.py", false},
    {"mpi4py._topology", "app/frontends/python/py/mpi4py/_topology.py", false},
};
constexpr const char* boot_path = "app/frontends/python/py/mpilab_boot.py";

// "<mpilab>/mpi4py/MPI.py": what tracebacks show for an embedded module (frames.hpp skips them).
std::string display_name(std::string_view path) {
    const std::string_view prefix = "app/frontends/python/py/";
    return "<mpilab>/" + std::string(path.substr(prefix.size()));
}

std::string pending_error() {
    Ref exception = take_exception();
    if (!exception) return "unknown error";
    Ref text(PyObject_Str(exception.get()));
    const char* utf8 = text ? PyUnicode_AsUTF8(text.get()) : nullptr;
    return std::string(Py_TYPE(exception.get())->tp_name) + ": " + (utf8 ? utf8 : "?");
}

// {name: (filename, source, is_package)} for the boot module's finder.
PyObject* module_table() {
    Ref table(PyDict_New());
    for (const EmbeddedModule& m : modules) {
        const std::string_view text = embedded_source(m.path);
        if (text.empty()) throw std::runtime_error(std::string("the embedded module ") + m.name + " is missing");
        Ref entry(Py_BuildValue("(s s# O)", display_name(m.path).c_str(), text.data(),
                                static_cast<Py_ssize_t>(text.size()), m.package ? Py_True : Py_False));
        if (!entry || PyDict_SetItemString(table.get(), m.name, entry.get()) < 0) throw std::runtime_error(pending_error());
    }
    return table.release();
}

void boot() {
    const std::string_view text = embedded_source(boot_path);
    Ref code(Py_CompileString(std::string(text).c_str(), display_name(boot_path).c_str(), Py_file_input));
    if (!code) throw std::runtime_error("mpilab's boot module does not compile: " + pending_error());
    Ref module(PyImport_AddModule("mpilab_boot"));   // borrowed: sys.modules keeps it
    Py_XINCREF(module.get());
    if (!module) throw std::runtime_error(pending_error());
    PyObject* globals = PyModule_GetDict(module.get());
    Ref table(module_table());
    if (PyDict_SetItemString(globals, "EMBEDDED_MODULES", table.get()) < 0 ||
        PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) < 0)
        throw std::runtime_error(pending_error());
    Ref result(PyEval_EvalCode(code.get(), globals, globals));
    if (!result) throw std::runtime_error("mpilab's boot module failed: " + pending_error());
}

std::string start() {
    if (Py_IsInitialized())
        return "another part of this process already started Python: mpilab's module cannot be added to it";
    if (PyImport_AppendInittab("_mpilab", &init_mpilab_module) < 0) return "cannot register the _mpilab module";
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.install_signal_handlers = 0;
    config.write_bytecode = 0;   // no __pycache__ folders next to a student's modules
    config.site_import = 1;      // Debian's dist-packages (numpy) come from site
    config.use_hash_seed = 1;    // str hashes (and so set order) the same in every run: reproducible runs
    config.hash_seed = 0;
    PyStatus status = PyConfig_SetBytesString(&config, &config.home, MPILAB_PYTHON_HOME);
    if (!PyStatus_Exception(status)) status = PyConfig_SetBytesString(&config, &config.program_name, "mpilab");
    if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status))
        return std::string("cannot start Python 3 (home ") + MPILAB_PYTHON_HOME + "): " +
               (status.err_msg ? status.err_msg : "unknown error") +
               ". Reinstall Debian's Python: apt-get install python3-dev";
    std::string failure;
    try {
        boot();
    } catch (const std::exception& e) {
        failure = e.what();
    }
    PyEval_SaveThread();   // rank threads take the GIL with their own thread states
    return failure;
}

}  // namespace

void start_interpreter() {
    static std::once_flag once;
    static std::string failure;
    std::call_once(once, [] { failure = start(); });
    if (!failure.empty()) throw std::runtime_error(failure);
}

bool preload_module(const std::string& name) {
    start_interpreter();
    WithGil gil;
    Ref module(PyImport_ImportModule(name.c_str()));
    if (!module) PyErr_Clear();
    return static_cast<bool>(module);
}

}  // namespace mpilab::python
