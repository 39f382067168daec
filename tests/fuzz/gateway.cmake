# The gateway's CoAP side: the resource directory's request parsing and table, and the link-format
# checker (gateway/coap).
if(TARGET tc_gw_coap)
  tc_fuzzer(gateway_rd_fuzzer ${CMAKE_CURRENT_LIST_DIR}/gateway_rd_fuzzer.cpp LIBS tc_gw_coap
    SECONDS 20)
  tc_fuzzer(gateway_link_format_fuzzer ${CMAKE_CURRENT_LIST_DIR}/gateway_link_format_fuzzer.cpp
    LIBS tc_gw_coap SECONDS 20)
endif()
