# The gateway's CoAP side (gateway/coap, docs/gateway-coap.md): its parsers and the directory table
# alone, then CoapGateway against real peers (libcoap's coap-client-notls and coap-server-notls, a
# real tc-device) and scripted hostile ones.
if(TARGET tc_gw_coap)
  tc_gtest(gateway_coap_unit_test
    ${CMAKE_CURRENT_LIST_DIR}/gateway_coap_parsing_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_coap_directory_test.cpp
    LIBS tc_gw_coap)
  tc_gtest(gateway_coap_peer_test
    ${CMAKE_CURRENT_LIST_DIR}/gateway_coap_rd_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_coap_send_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_coap_hostile_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gateway_coap_support.cpp
    LIBS tc_gw_coap tc_coap)
  add_dependencies(gateway_coap_peer_test tc-device)
endif()
