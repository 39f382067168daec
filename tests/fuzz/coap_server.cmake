# CoAP server layer fuzz target: included from tests/fuzz/CMakeLists.txt.
tc_fuzzer(coap_server_fuzzer ${CMAKE_CURRENT_LIST_DIR}/coap_server_fuzzer.cpp LIBS tc_coap SECONDS 30)
