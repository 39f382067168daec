# SLIP decoder fuzz target (runtime/slip): included from tests/fuzz/CMakeLists.txt.
tc_fuzzer(slip_fuzzer ${CMAKE_CURRENT_LIST_DIR}/slip_fuzzer.cpp LIBS tc_slip SECONDS 20)
