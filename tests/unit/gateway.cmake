# tc-gateway's service, HTTP API and platform link (gateway/, docs/gateway.md), with a fake device
# link (and, for the platform link, a fake platform on an httplib::Server).
if(TARGET tc_gw_platform)
  tc_gtest(gateway_unit_test
    ${CMAKE_CURRENT_LIST_DIR}/gateway_test_support.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_store_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_commands_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_events_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_translation_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_api_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_platform_desired_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_platform_reconciler_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_platform_outbox_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_platform_usage_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_platform_link_test.cpp
    LIBS tc_gw_platform tc_cli_common PCH gtest_json)
endif()
