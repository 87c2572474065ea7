# `check --trace` saves the first failing match order; `run --replay` must reproduce it exactly (a ctest
# helper). The replayed run's trace must equal the saved one but for the measured wall time.
#   MPILAB   path of the mpilab binary
#   PROGRAM  the scenario id or program file;  ARGS  further check arguments, separated by '|'
#   WORK_DIR where the two traces are written
#   STDOUT   regular expression the replay's report must match
string(REPLACE "|" ";" args "${ARGS}")
file(MAKE_DIRECTORY ${WORK_DIR})
set(saved ${WORK_DIR}/failing.json)
set(again ${WORK_DIR}/replayed.json)
execute_process(COMMAND ${MPILAB} check ${PROGRAM} ${args} --trace ${saved}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT status STREQUAL "2")
  message(FATAL_ERROR "check: expected exit status 2 (unsafe), got ${status}\n${out}\n${err}")
endif()
execute_process(COMMAND ${MPILAB} run ${PROGRAM} --replay ${saved} --trace ${again}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT status STREQUAL "2" OR NOT out MATCHES "${STDOUT}")
  message(FATAL_ERROR "run --replay: expected exit status 2 and '${STDOUT}', got ${status}\n${out}\n${err}")
endif()
file(READ ${saved} first)
file(READ ${again} second)
string(REGEX REPLACE "\"wall_seconds\": [^,\n]*" "" first "${first}")
string(REGEX REPLACE "\"wall_seconds\": [^,\n]*" "" second "${second}")
if(NOT first STREQUAL second)
  message(FATAL_ERROR "the replayed trace ${again} differs from the saved one ${saved}")
endif()
