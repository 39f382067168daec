# tcctl dev's host library (cli/dev): device URIs, CBOR -> JSON, the install body.
if(TARGET tc_dev_client)
  tc_gtest(dev_unit_test ${CMAKE_CURRENT_LIST_DIR}/dev_client_test.cpp LIBS tc_dev_client
           PCH gtest_json)
endif()
