# SUIT envelopes on the device (runtime/suit): parse, authenticate, process. Seeded with every
# envelope of ../shared/vectors/suit and with container envelopes the host builder signs with the
# draft examples' key (suit_fuzz_seeds).
add_executable(suit_fuzz_seeds ${CMAKE_CURRENT_LIST_DIR}/suit_fuzz_seeds.cpp)
target_link_libraries(suit_fuzz_seeds PRIVATE tc_suit_host)
tc_warnings(suit_fuzz_seeds)
tc_fuzzer(suit_fuzzer ${CMAKE_CURRENT_LIST_DIR}/suit_fuzzer.cpp LIBS tc_suit tc_host_crypto
  SECONDS 30 SEEDS $<TARGET_FILE:suit_fuzz_seeds> ${TC_VECTORS_DIR})
