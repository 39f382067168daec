# SUIT envelopes (runtime/suit, cli/suit, docs/suit.md): the draft-ietf-suit-manifest examples and
# their EdDSA re-signatures, the cose-wg COSE_Sign1 examples, the container profile's processing
# of envelopes built by the host builder, and the inspector.
tc_gtest(suit_vectors_test suit_vectors_test.cpp cose_sign1_vectors_test.cpp
         LIBS tc_suit tc_keys tc_host_crypto nlohmann_json::nlohmann_json PCH gtest_json)
tc_gtest(suit_unit_test suit_process_test.cpp suit_inspect_test.cpp suit_builder_test.cpp
         LIBS tc_suit_host tc_suit tc_keys tc_host_crypto)
