# Agent tests (included from tests/unit/CMakeLists.txt). The test containers in tests/data/agent/
# are compiled with the real `tcctl build` at build time.
if(TARGET tcctl)
  set(_agent_data_dir ${CMAKE_CURRENT_BINARY_DIR}/agent_data)
  file(GLOB _agent_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/data/agent/*.c)
  set(_agent_images)
  foreach(src ${_agent_sources})
    get_filename_component(name ${src} NAME_WE)
    set(out ${_agent_data_dir}/${name}.tcx)
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${_agent_data_dir}
      COMMAND $<TARGET_FILE:tcctl> build ${src} -o ${out} --sdk ${CMAKE_SOURCE_DIR}/sdk
      DEPENDS ${src} tcctl ${CMAKE_SOURCE_DIR}/sdk/include/tinycontainer.h
      COMMENT "tcctl build ${name}.c (agent test container)" VERBATIM)
    list(APPEND _agent_images ${out})
  endforeach()
  add_custom_target(agent_test_images DEPENDS ${_agent_images})

  tc_gtest(agent_test
    ${CMAKE_CURRENT_LIST_DIR}/agent_parts_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/agent_lifecycle_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/agent_endpoint_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/agent_scheduler_test.cpp
    LIBS tc_agent Threads::Threads)
  add_dependencies(agent_test agent_test_images)
  target_compile_definitions(agent_test PRIVATE TC_AGENT_DATA="${_agent_data_dir}")
  target_include_directories(agent_test PRIVATE ${CMAKE_CURRENT_LIST_DIR})
endif()
