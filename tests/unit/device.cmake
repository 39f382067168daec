# The native port (ports/native) and the management tree's payloads (runtime/mgmt).
tc_gtest(device_unit_test device_storage_test.cpp device_sim_test.cpp device_payloads_test.cpp
  LIBS tc_native tc_mgmt)
