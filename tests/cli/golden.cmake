# Runs a scenario with --trace and compares the trace and the report with the golden files
# tests/cli/golden/NAME.json and NAME.txt byte for byte; then `mpilab show` of the new trace must print
# the same report and `mpilab export` must convert it. With UPDATE=1 it rewrites the golden files instead.
#   MPILAB, ARGS ('|'-separated run arguments), NAME, GOLDEN_DIR, WORK_DIR, EXIT
string(REPLACE "|" ";" args "${ARGS}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(trace "${WORK_DIR}/${NAME}.json")
set(report "${WORK_DIR}/${NAME}.txt")
execute_process(COMMAND ${MPILAB} run ${args} --trace ${trace} RESULT_VARIABLE status OUTPUT_FILE ${report}
                ERROR_VARIABLE err TIMEOUT 60)
if(NOT status STREQUAL "${EXIT}")
  message(FATAL_ERROR "mpilab run ${args} exited with ${status}, expected ${EXIT}\n${err}")
endif()
if(UPDATE)
  file(COPY_FILE ${trace} "${GOLDEN_DIR}/${NAME}.json")
  file(COPY_FILE ${report} "${GOLDEN_DIR}/${NAME}.txt")
  return()
endif()
foreach(kind json txt)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${WORK_DIR}/${NAME}.${kind}" "${GOLDEN_DIR}/${NAME}.${kind}"
                  RESULT_VARIABLE different)
  if(different)
    message(FATAL_ERROR "${WORK_DIR}/${NAME}.${kind} differs from the golden ${GOLDEN_DIR}/${NAME}.${kind}; "
                        "if the change is intended, rerun with -DUPDATE=1 (see tests/cli/CMakeLists.txt)")
  endif()
endforeach()
execute_process(COMMAND ${MPILAB} show ${trace} RESULT_VARIABLE status OUTPUT_VARIABLE shown ERROR_VARIABLE err)
file(READ ${report} ran)
if(NOT status STREQUAL "${EXIT}" OR NOT shown STREQUAL ran)
  message(FATAL_ERROR "mpilab show ${trace} (exit ${status}) does not print the run's report:\n${shown}\n${err}")
endif()
execute_process(COMMAND ${MPILAB} export ${trace} --chrome "${WORK_DIR}/${NAME}.chrome.json" RESULT_VARIABLE status
                ERROR_VARIABLE err)
file(READ "${WORK_DIR}/${NAME}.chrome.json" chrome)
if(NOT status EQUAL 0 OR NOT chrome MATCHES "thread_name")
  message(FATAL_ERROR "mpilab export ${trace} failed (exit ${status}): ${err}")
endif()
