# The device's gateway clients (runtime/rd): URI parsing and the answers the registrar and the
# uplink take from the network. Included from tests/fuzz/CMakeLists.txt.
tc_fuzzer(rd_fuzzer ${CMAKE_CURRENT_LIST_DIR}/rd_fuzzer.cpp LIBS tc_rd tc_mgmt SECONDS 20)
