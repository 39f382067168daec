# CoAP message layer (runtime/coap): included from tests/unit/CMakeLists.txt.
tc_gtest(coap_unit_test
  ${CMAKE_CURRENT_LIST_DIR}/coap_message_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/coap_options_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/coap_builder_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/coap_link_format_test.cpp
  LIBS tc_coap)
