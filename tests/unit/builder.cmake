# Image builder, ELF reader and image loader tests (included from tests/unit/CMakeLists.txt).
# builder_test compiles tests/data/builder/*.c with the real clang at test time.
tc_gtest(builder_test
  ${CMAKE_CURRENT_LIST_DIR}/builder_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/builder_elf_test.cpp
  LIBS tc_builder GTest::gmock)
tc_gtest(loader_test ${CMAKE_CURRENT_LIST_DIR}/loader_test.cpp LIBS tc_image tc_vm)
