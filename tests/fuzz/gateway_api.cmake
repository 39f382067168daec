# tc-gateway's HTTP API: what it reads from clients (JSON and envelope bodies, parameters, proxy
# requests) and from devices (answers translated for the proxy, /events notifications, reports).
if(TARGET tc_gw_api)
  tc_fuzzer(gateway_api_fuzzer ${CMAKE_CURRENT_LIST_DIR}/gateway_api_fuzzer.cpp LIBS tc_gw_api
    SECONDS 20)
endif()
