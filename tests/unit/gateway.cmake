# tc-gateway's service and HTTP API (gateway/, docs/gateway.md), with a fake device link.
if(TARGET tc_gw_api)
  tc_gtest(gateway_unit_test
    ${CMAKE_CURRENT_LIST_DIR}/gateway_test_support.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_store_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_commands_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_events_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_translation_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_api_test.cpp
    LIBS tc_gw_api tc_cli_common)
endif()
