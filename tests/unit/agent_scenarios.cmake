# SmartDroneBox scenarios (included from tests/unit/CMakeLists.txt): the example containers of
# sdk/examples/ (docs/examples.md), compiled with the real `tcctl build` at build time, their JSON
# manifests read and checked against the SmartDroneBox board by the host library
# (tc_manifest_json) and encoded to CBOR by the device codec, run together on a real agent over
# the fake ports of agent_fakes.hpp.
if(TARGET tcctl AND TARGET tc_manifest_json AND TARGET tc_agent)
  set(_scenario_examples ${CMAKE_SOURCE_DIR}/sdk/examples)
  set(_scenario_board ${CMAKE_SOURCE_DIR}/tests/data/boards/smartdronebox.json)
  set(_scenario_dir ${CMAKE_CURRENT_BINARY_DIR}/scenario_images)
  set(_scenario_containers
    climate_monitor alert_logger address_display radio_mapper
    hostile_infinite_loop hostile_cpu_hog hostile_memory_escape hostile_unlisted_endpoint
    hostile_endpoint_flood hostile_actuator_bounds hostile_storage_filler hostile_channel
    hostile_energy_drain)
  list(TRANSFORM _scenario_containers PREPEND ${_scenario_examples}/ OUTPUT_VARIABLE _sources)
  list(TRANSFORM _sources APPEND .c)
  tc_containers(agent_scenario_images OUTPUT_DIR ${_scenario_dir} SOURCES ${_sources})
  foreach(name ${_scenario_containers})
    # The manifest is valid for the board, as `tcctl manifest check` says.
    add_test(NAME example_manifest_${name}
      COMMAND $<TARGET_FILE:tcctl> manifest check ${_scenario_examples}/${name}.json
              --board ${_scenario_board})
    set_tests_properties(example_manifest_${name} PROPERTIES LABELS "examples")
  endforeach()

  tc_gtest(agent_scenario_test ${CMAKE_CURRENT_LIST_DIR}/agent_scenario_test.cpp
    LIBS tc_agent tc_manifest_json Threads::Threads PCH gtest_json)
  add_dependencies(agent_scenario_test agent_scenario_images)
  target_compile_definitions(agent_scenario_test PRIVATE
    TC_AGENT_DATA="${_scenario_dir}" TC_EXAMPLES_DIR="${_scenario_examples}"
    TC_BOARD_FILE="${_scenario_board}")
  target_include_directories(agent_scenario_test PRIVATE ${CMAKE_CURRENT_LIST_DIR})
endif()
