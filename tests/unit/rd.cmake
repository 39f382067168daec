# The device's client side of its gateway (runtime/rd, docs/protocol.md "Registration" and "Remote
# endpoints"): URIs, back-off, the registrar and the uplink over a recording transport.
tc_gtest(rd_unit_test rd_coap_uri_test.cpp rd_backoff_test.cpp rd_registrar_test.cpp
  rd_uplink_test.cpp LIBS tc_rd)
target_include_directories(rd_unit_test PRIVATE ${CMAKE_CURRENT_LIST_DIR})

# The agent's remote endpoints and the management tree's install by reference, which need the test
# containers tcctl builds (agent.cmake).
if(TARGET agent_test_images)
  tc_gtest(rd_device_test agent_remote_test.cpp mgmt_reference_test.cpp
    LIBS tc_mgmt tc_rd Threads::Threads)
  add_dependencies(rd_device_test agent_test_images)
  target_compile_definitions(rd_device_test PRIVATE TC_AGENT_DATA="${_agent_data_dir}")
  target_include_directories(rd_device_test PRIVATE ${CMAKE_CURRENT_LIST_DIR})
endif()
