# CoAP server layer (runtime/coap server*): included from tests/unit/CMakeLists.txt.
tc_gtest(coap_server_unit_test
  ${CMAKE_CURRENT_LIST_DIR}/coap_server_exchange_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/coap_server_block_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/coap_server_observe_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/coap_server_discovery_test.cpp
  LIBS tc_coap)
