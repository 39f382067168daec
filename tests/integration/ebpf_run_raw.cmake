# `tcctl ebpf run --raw HEX [--mem HEX]`: raw instructions under the conformance conventions.
if(NOT TARGET tcctl)
  return()
endif()

# tc_raw_run_test(name EXPECT regex ARGS args...): the output must match; the regex includes the
# exit line, so a wrong exit kind fails too.
function(tc_raw_run_test name)
  cmake_parse_arguments(ARG "" "EXPECT" "ARGS" ${ARGN})
  add_test(NAME ${name} COMMAND $<TARGET_FILE:tcctl> ebpf run ${ARG_ARGS})
  set_tests_properties(${name} PROPERTIES PASS_REGULAR_EXPRESSION "${ARG_EXPECT}" LABELS examples)
endfunction()

# ldxb r0, [r1]; exit -- reads the first byte of --mem.
tc_raw_run_test(ebpf_run_raw_mem ARGS --raw "7110000000000000 9500000000000000" --mem 2a
                EXPECT "exit: returned\nr0: 42 \\(0x2a\\)\ninstructions: 2")
# ldxb r0, [r1+10] with one byte of memory: a load trap with its address.
tc_raw_run_test(ebpf_run_raw_trap ARGS --raw "71100a0000000000 9500000000000000" --mem 2a
                EXPECT "exit: trapped\ntrap: load out of bounds at pc 0, address 0x40000000a")
# ja -1: the fuel ends it.
tc_raw_run_test(ebpf_run_raw_fuel ARGS --raw 0500ffff00000000 --fuel 1000
                EXPECT "exit: out of fuel\n.*instructions: 1000")
# An unknown opcode is refused by the verifier, with its index.
tc_raw_run_test(ebpf_run_raw_rejected ARGS --raw "b700000000000000 ff00000000000000"
                EXPECT "verification failed: insn 1: unknown opcode")
tc_raw_run_test(ebpf_run_raw_bad_hex ARGS --raw zz EXPECT "--raw is not hex bytes")
tc_raw_run_test(ebpf_run_needs_input ARGS EXPECT "give an IMAGE or --raw HEX")
