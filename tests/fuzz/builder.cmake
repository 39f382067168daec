# The ELF reader and image converter of `tcctl build` (included from tests/fuzz/CMakeLists.txt).
# Seeds: real BPF objects of the SDK examples, compiled at build time with the same flags as
# `tcctl build`, so that mutations start from well-formed objects with every relocation kind.
get_filename_component(_tc_repo "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
find_program(TC_BPF_CLANG NAMES clang clang-14 REQUIRED)
set(_elf_seeds "")
foreach(src fibonacci checksum hello state_machine pointers)
  set(obj ${CMAKE_CURRENT_BINARY_DIR}/elf_seeds/${src}.o)
  add_custom_command(OUTPUT ${obj}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/elf_seeds
    COMMAND ${TC_BPF_CLANG} -O2 -target bpf -mcpu=v3 -ffreestanding -fno-builtin -g0
            -I${_tc_repo}/sdk/include -c ${_tc_repo}/sdk/examples/${src}.c -o ${obj}
    DEPENDS ${_tc_repo}/sdk/examples/${src}.c ${_tc_repo}/sdk/include/tinycontainer.h
    VERBATIM)
  list(APPEND _elf_seeds ${obj})
endforeach()
add_custom_target(elf_fuzz_seeds DEPENDS ${_elf_seeds})
tc_fuzzer(elf_fuzzer ${CMAKE_CURRENT_LIST_DIR}/elf_fuzzer.cpp LIBS tc_builder SECONDS 30
  SEEDS ${CMAKE_COMMAND} -E copy ${_elf_seeds})
add_dependencies(elf_fuzzer elf_fuzz_seeds)
