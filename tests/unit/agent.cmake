# Agent tests (included from tests/unit/CMakeLists.txt). The test containers in tests/data/agent/
# are compiled with the real `tcctl build` at build time.
if(TARGET tcctl)
  set(_agent_data_dir ${CMAKE_CURRENT_BINARY_DIR}/agent_data)
  file(GLOB _agent_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/data/agent/*.c)
  tc_containers(agent_test_images OUTPUT_DIR ${_agent_data_dir} SOURCES ${_agent_sources})

  tc_gtest(agent_test
    ${CMAKE_CURRENT_LIST_DIR}/agent_parts_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/agent_lifecycle_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/agent_endpoint_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/agent_scheduler_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/agent_sequence_test.cpp
    LIBS tc_agent Threads::Threads)
  add_dependencies(agent_test agent_test_images)
  target_compile_definitions(agent_test PRIVATE TC_AGENT_DATA="${_agent_data_dir}")
  target_include_directories(agent_test PRIVATE ${CMAKE_CURRENT_LIST_DIR})
endif()
