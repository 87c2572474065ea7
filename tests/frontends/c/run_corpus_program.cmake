# One corpus program through the CLI, as a student runs it: `mpilab run FILE -n RANKS [-- ARGS]` in the
# corpus folder. Passes when the exit status is the outcome's (0 completed, 2 deadlock, 3 error) and the
# report matches PATTERN. Variables: MPILAB, FILE, RANKS, ARGS (;-separated), EXIT, PATTERN.
set(command ${MPILAB} run ${FILE} -n ${RANKS})
if(ARGS)
  list(APPEND command -- ${ARGS})
endif()
execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status STREQUAL EXIT)
  message(FATAL_ERROR "`mpilab run ${FILE} -n ${RANKS}` exited with ${status}, expected ${EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT out MATCHES "${PATTERN}")
  message(FATAL_ERROR "the report of ${FILE} does not contain /${PATTERN}/:\n${out}\nstderr:\n${err}")
endif()
