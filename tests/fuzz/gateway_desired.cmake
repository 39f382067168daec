# tc-gateway's platform link: the desired-state document it pulls from tc-platform.
if(TARGET tc_gw_platform)
  tc_fuzzer(gateway_desired_fuzzer ${CMAKE_CURRENT_LIST_DIR}/gateway_desired_fuzzer.cpp
    LIBS tc_gw_platform SECONDS 20)
endif()
