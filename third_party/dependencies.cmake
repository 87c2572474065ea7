# How mpilab finds its dependencies. All of them come from Debian 12's packages; nothing is vendored.
# Each find stops with a message naming the Debian package to install.

function(mpilab_require_package found package what)
  if(NOT ${found})
    message(FATAL_ERROR "mpilab needs ${what}. Install it with:  sudo apt-get install ${package}\n"
                        "(or run ./setup.sh, which installs every dependency)")
  endif()
endfunction()

# nlohmann/json: the only dependency of the core library.
find_package(nlohmann_json 3.10 CONFIG QUIET)
mpilab_require_package(nlohmann_json_FOUND nlohmann-json3-dev "nlohmann/json (JSON for the trace format)")

find_package(Threads REQUIRED)

# doctest: the tests.
if(MPILAB_BUILD_TESTS)
  find_package(doctest CONFIG QUIET)
  mpilab_require_package(doctest_FOUND doctest-dev "doctest (the unit-test framework)")
endif()

# The GUI: Dear ImGui 1.86 (with its GLFW and OpenGL 3 backends inside libimgui.a), GLFW, OpenGL, stb.
if(MPILAB_BUILD_GUI)
  find_package(PkgConfig QUIET)
  mpilab_require_package(PKG_CONFIG_FOUND pkg-config "pkg-config (to find Dear ImGui)")
  pkg_check_modules(IMGUI QUIET IMPORTED_TARGET imgui)
  mpilab_require_package(IMGUI_FOUND "libimgui-dev libstb-dev" "Dear ImGui (the GUI toolkit)")
  find_package(glfw3 3.3 CONFIG QUIET)
  mpilab_require_package(glfw3_FOUND libglfw3-dev "GLFW (windows and input for the GUI)")
  set(OpenGL_GL_PREFERENCE GLVND)
  find_package(OpenGL QUIET)
  mpilab_require_package(OPENGL_FOUND libgl-dev "OpenGL (drawing for the GUI)")
endif()

# Python 3 for the Python front end (`mpilab run script.py`): Debian's libpython3.11, found through
# pkg-config's python3-embed so that whichever python3 comes first on the PATH (a pyenv shim) does
# not matter. Optional: without python3-dev mpilab builds without it and says how to get it.
option(MPILAB_PYTHON "Build the Python front end when python3-dev is installed" ON)
set(MPILAB_HAVE_PYTHON OFF)
if(MPILAB_BUILD_APPS AND MPILAB_PYTHON)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(PYTHON_EMBED QUIET IMPORTED_TARGET python3-embed)
  endif()
  if(PYTHON_EMBED_FOUND)
    set(MPILAB_HAVE_PYTHON ON)
    pkg_get_variable(MPILAB_PYTHON_HOME python3-embed prefix)
    message(STATUS "Python front end: on (Python ${PYTHON_EMBED_VERSION}, home ${MPILAB_PYTHON_HOME})")
  else()
    message(STATUS "Python front end: off (install python3-dev and python3-numpy for `mpilab run script.py`)")
  endif()
endif()
