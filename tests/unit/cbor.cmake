# The CBOR layer (runtime/cbor): unit tests and the RFC 8949 appendix A vectors.
tc_gtest(cbor_unit_test cbor_reader_test.cpp cbor_writer_test.cpp cbor_diagnostic_test.cpp
         cbor_float_test.cpp LIBS tc_cbor)
tc_gtest(cbor_vectors_test cbor_vectors_test.cpp LIBS tc_cbor nlohmann_json::nlohmann_json
         PCH gtest_json)
