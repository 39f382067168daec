tc_fuzzer(cbor_fuzzer cbor_fuzzer.cpp LIBS tc_cbor)
