# SLIP framing (runtime/slip) and the host side of serial devices (gateway/serial): included from
# tests/unit/CMakeLists.txt.
tc_gtest(slip_unit_test ${CMAKE_CURRENT_LIST_DIR}/slip_test.cpp LIBS tc_slip)
tc_gtest(slip_bridge_unit_test ${CMAKE_CURRENT_LIST_DIR}/slip_bridge_test.cpp LIBS tc_gw_serial)
