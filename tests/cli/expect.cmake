# Runs one mpilab command line and checks its exit status and output (a ctest helper).
#   MPILAB   path of the mpilab binary
#   ARGS     its arguments, separated by '|'
#   EXIT     the exit status it must return
#   STDOUT   optional regular expression stdout must match;  STDERR  the same for stderr
#   NOT_STDOUT  optional regular expression stdout must not match;  NOT_STDERR  the same for stderr
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND ${MPILAB} ${args} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err
                TIMEOUT 60)
set(shown "mpilab ${args}\n--- exit status: ${status}\n--- stdout:\n${out}\n--- stderr:\n${err}")
if(NOT status STREQUAL "${EXIT}")
  message(FATAL_ERROR "expected exit status ${EXIT}\n${shown}")
endif()
if(DEFINED STDOUT AND NOT out MATCHES "${STDOUT}")
  message(FATAL_ERROR "stdout does not match '${STDOUT}'\n${shown}")
endif()
if(DEFINED NOT_STDOUT AND out MATCHES "${NOT_STDOUT}")
  message(FATAL_ERROR "stdout matches '${NOT_STDOUT}' but must not\n${shown}")
endif()
if(DEFINED NOT_STDERR AND err MATCHES "${NOT_STDERR}")
  message(FATAL_ERROR "stderr matches '${NOT_STDERR}' but must not\n${shown}")
endif()
if(DEFINED STDERR AND NOT err MATCHES "${STDERR}")
  message(FATAL_ERROR "stderr does not match '${STDERR}'\n${shown}")
endif()
