# tc-platform's SQL layer: the statement rewriter that numbers `?` parameters for PostgreSQL.
if(TARGET tc_platform_sql)
  tc_fuzzer(platform_placeholders_fuzzer ${CMAKE_CURRENT_LIST_DIR}/platform_placeholders_fuzzer.cpp
    LIBS tc_platform_sql SECONDS 10)
endif()
# The grant a device owner posts (platform/grants/grant_json).
if(TARGET tc_platform_core)
  tc_fuzzer(platform_grant_fuzzer ${CMAKE_CURRENT_LIST_DIR}/platform_grant_fuzzer.cpp
    LIBS tc_platform_core SECONDS 10)
endif()
# The JSON bodies of tc-platform's /api/v1 (platform/api/request_bodies).
if(TARGET tc_platform_api)
  tc_fuzzer(platform_api_fuzzer ${CMAKE_CURRENT_LIST_DIR}/platform_api_fuzzer.cpp
    LIBS tc_platform_api SECONDS 10)
endif()
# The bodies a gateway pushes on the platform link (platform/link/link_bodies).
if(TARGET tc_platform_api)
  tc_fuzzer(platform_link_fuzzer ${CMAKE_CURRENT_LIST_DIR}/platform_link_fuzzer.cpp
    LIBS tc_platform_api SECONDS 10)
endif()
