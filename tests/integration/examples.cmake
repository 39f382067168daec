# Example containers end to end: `tcctl build` then `tcctl ebpf run`, checking the printed result.
#
# This file has two roles. Included from tests/integration/CMakeLists.txt it registers the ctest
# tests; run with `cmake -P` it is the test driver for one case (so no shell is involved):
#   -DTCCTL=... -DSRC=file.c -DOUT=file.tcx [-DRUN_ARGS="--entry x --arg 1"]
#   -DBUILD_RC=0 -DRUN_RC=0 -DEXPECT="regex on the output" (of run, or of build when BUILD_RC!=0)

if(CMAKE_SCRIPT_MODE_FILE)
  execute_process(COMMAND ${TCCTL} build ${SRC} -o ${OUT}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL BUILD_RC)
    message(FATAL_ERROR "tcctl build ${SRC}: exit ${rc}, expected ${BUILD_RC}\n${out}${err}")
  endif()
  if(NOT BUILD_RC EQUAL 0)
    if(NOT "${out}${err}" MATCHES "${EXPECT}")
      message(FATAL_ERROR "tcctl build ${SRC}: output does not match '${EXPECT}':\n${out}${err}")
    endif()
    return()
  endif()
  separate_arguments(run_args UNIX_COMMAND "${RUN_ARGS}")
  execute_process(COMMAND ${TCCTL} ebpf run ${OUT} ${run_args}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message(STATUS "${out}${err}")
  if(NOT rc EQUAL RUN_RC)
    message(FATAL_ERROR "tcctl ebpf run ${OUT}: exit ${rc}, expected ${RUN_RC}\n${out}${err}")
  endif()
  if(NOT "${out}${err}" MATCHES "${EXPECT}")
    message(FATAL_ERROR "tcctl ebpf run ${OUT}: output does not match '${EXPECT}':\n${out}${err}")
  endif()
  return()
endif()

if(NOT TARGET tcctl)
  return()
endif()

get_filename_component(_tc_repo "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
set(_tc_examples_out "${CMAKE_CURRENT_BINARY_DIR}/examples")
file(MAKE_DIRECTORY "${_tc_examples_out}")

# tc_example_test(name source BUILD_RC n RUN_RC n EXPECT regex [RUN_ARGS "..."])
function(tc_example_test name source)
  cmake_parse_arguments(ARG "" "BUILD_RC;RUN_RC;EXPECT;RUN_ARGS" "" ${ARGN})
  get_filename_component(stem "${source}" NAME_WE)
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND} -DTCCTL=$<TARGET_FILE:tcctl> -DSRC=${source}
            -DOUT=${_tc_examples_out}/${name}.tcx -DBUILD_RC=${ARG_BUILD_RC} -DRUN_RC=${ARG_RUN_RC}
            "-DRUN_ARGS=${ARG_RUN_ARGS}" "-DEXPECT=${ARG_EXPECT}" -P ${CMAKE_CURRENT_FUNCTION_LIST_FILE})
  set_tests_properties(${name} PROPERTIES LABELS "examples" TIMEOUT 120)
endfunction()

set(_ex "${_tc_repo}/sdk/examples")
set(_data "${_tc_repo}/tests/data/builder")
tc_example_test(example_fibonacci ${_ex}/fibonacci.c BUILD_RC 0 RUN_RC 0
                EXPECT "exit: returned\nr0: 12586269025 \\(0x2ee333961\\)")
tc_example_test(example_fibonacci_entry ${_ex}/fibonacci.c BUILD_RC 0 RUN_RC 0
                RUN_ARGS "--entry fib --arg 10" EXPECT "r0: 55 ")
tc_example_test(example_fibonacci_out_of_fuel ${_ex}/fibonacci.c BUILD_RC 0 RUN_RC 2
                RUN_ARGS "--fuel 20" EXPECT "exit: out of fuel")
tc_example_test(example_checksum ${_ex}/checksum.c BUILD_RC 0 RUN_RC 0
                EXPECT "r0: 3421780262 \\(0xcbf43926\\)")
tc_example_test(example_hello ${_ex}/hello.c BUILD_RC 0 RUN_RC 0
                EXPECT "log: hello from a TinyContainer\n.*r0: 0 ")
tc_example_test(example_state_machine ${_ex}/state_machine.c BUILD_RC 0 RUN_RC 0
                EXPECT "r0: 771 \\(0x303\\)")
tc_example_test(example_pointers ${_ex}/pointers.c BUILD_RC 0 RUN_RC 0 EXPECT "r0: 173 \\(0xad\\)")
tc_example_test(example_trap ${_data}/peek.c BUILD_RC 0 RUN_RC 2 RUN_ARGS "--entry peek --arg 0x10"
                EXPECT "trap: load out of bounds at pc [0-9]+, address 0x10")
tc_example_test(example_device_helper ${_data}/device_helper.c BUILD_RC 0 RUN_RC 1
                EXPECT "tc_open \\(helper 3\\).*needs a device")
tc_example_test(example_rejects_float ${_data}/floating_point.c BUILD_RC 1 RUN_RC 0
                EXPECT "floating point is not supported in function 'scale'")
tc_example_test(example_rejects_function_pointer ${_data}/function_pointer.c BUILD_RC 1 RUN_RC 0
                EXPECT "function pointers are not supported: variable 'handlers'")
