# host/http: the HTTP server layer every host program serves its API with.
if(TARGET tc_http)
  tc_gtest(http_unit_test ${CMAKE_CURRENT_LIST_DIR}/http_server_test.cpp LIBS tc_http)
endif()
