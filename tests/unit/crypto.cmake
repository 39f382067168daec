# The crypto port on the host (ports/crypto): SHA-256 known answers, verdicts, and every Wycheproof
# case of ../shared/vectors/crypto. The host key tooling (cli/keys): generate, PEM, sign, files.
tc_gtest(crypto_unit_test crypto_port_test.cpp crypto_wycheproof_test.cpp host_digest_test.cpp
         LIBS tc_host_crypto tc_crypto nlohmann_json::nlohmann_json)
tc_gtest(keys_unit_test keys_test.cpp keys_errors_test.cpp LIBS tc_keys tc_host_crypto GTest::gmock)
