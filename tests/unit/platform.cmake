# tc-platform's SQL layer (platform/sql) and identity (tenants, users, tokens, audit), against SQLite and a real PostgreSQL server that the
# fixture below starts for the run (scripts/pg-test-server) and stops after it.
if(TARGET tc_platform_sql)
  set(TC_TEST_PG_DIR ${CMAKE_BINARY_DIR}/pg-test-server)
  add_test(NAME platform_pg_start
    COMMAND ${CMAKE_SOURCE_DIR}/scripts/pg-test-server start ${TC_TEST_PG_DIR})
  add_test(NAME platform_pg_stop
    COMMAND ${CMAKE_SOURCE_DIR}/scripts/pg-test-server stop ${TC_TEST_PG_DIR})
  set_tests_properties(platform_pg_start PROPERTIES FIXTURES_SETUP postgres TIMEOUT 120
    LABELS platform)
  set_tests_properties(platform_pg_stop PROPERTIES FIXTURES_CLEANUP postgres TIMEOUT 60
    LABELS platform)

  tc_gtest(platform_unit_test
    ${CMAKE_CURRENT_LIST_DIR}/platform_sql_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/platform_sql_support.cpp
    ${CMAKE_CURRENT_LIST_DIR}/platform_identity_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/platform_grant_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/platform_schema_test.cpp
    LIBS tc_platform_core tc_host_crypto
    PROPERTIES FIXTURES_REQUIRED postgres LABELS platform
               ENVIRONMENT TC_TEST_PG_URI_FILE=${TC_TEST_PG_DIR}/uri)

  # /api/v1 on a real server (platform/api), against every store.
  tc_gtest(platform_api_test
    ${CMAKE_CURRENT_LIST_DIR}/platform_api_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/platform_sql_support.cpp
    LIBS tc_platform_api tc_host_crypto
    PROPERTIES FIXTURES_REQUIRED postgres LABELS platform
               ENVIRONMENT TC_TEST_PG_URI_FILE=${TC_TEST_PG_DIR}/uri)

  # The platform link's server side (platform/link) and the devices, events and usage it stores,
  # on a real server against every store.
  tc_gtest(platform_link_test
    ${CMAKE_CURRENT_LIST_DIR}/platform_link_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/platform_link_bodies_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/platform_sql_support.cpp
    LIBS tc_platform_api tc_host_crypto
    PROPERTIES FIXTURES_REQUIRED postgres LABELS platform
               ENVIRONMENT TC_TEST_PG_URI_FILE=${TC_TEST_PG_DIR}/uri)
endif()
