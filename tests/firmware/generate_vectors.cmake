# cmake -DVECTORS=tests_assembled.json -DSUBSET=SUBSET_x.txt -DOUTPUT=out.cpp -P generate_vectors.cmake
#
# Writes a C++ source holding the bpf_conformance vectors (../shared/vectors/ebpf) named in SUBSET as
# constant tables for the firmware's VM self-test (conformance_vectors.hpp). Run at build time into
# the build directory: the vectors themselves are never copied into the repository.
cmake_minimum_required(VERSION 3.25)

foreach(var VECTORS SUBSET OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "generate_vectors.cmake: -D${var}=... is required")
  endif()
endforeach()

file(READ "${VECTORS}" json)
file(STRINGS "${SUBSET}" wanted)
string(JSON count LENGTH "${json}")

# "b400..." -> "0xb4, 0x00, ..."
function(hex_to_bytes hex out)
  string(REGEX REPLACE "([0-9a-fA-F][0-9a-fA-F])" "0x\\1, " bytes "${hex}")
  set(${out} "${bytes}" PARENT_SCOPE)
endfunction()

set(tables "")
set(entries "")
set(n 0)
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON vector GET "${json}" ${i})
  string(JSON name GET "${vector}" name)
  if(NOT name IN_LIST wanted)
    continue()
  endif()
  string(JSON program GET "${vector}" program)
  string(JSON mem GET "${vector}" mem)
  string(JSON result GET "${vector}" result)
  string(JSON error GET "${vector}" error)
  hex_to_bytes("${program}" program_bytes)
  string(APPEND tables "alignas(8) constexpr uint8_t kProgram${n}[] = {${program_bytes}};\n")
  set(mem_span "{}")
  if(NOT mem STREQUAL "")
    hex_to_bytes("${mem}" mem_bytes)
    string(APPEND tables "constexpr uint8_t kMem${n}[] = {${mem_bytes}};\n")
    set(mem_span "kMem${n}")
  endif()
  if(error STREQUAL "")
    set(expect "false")
    if(result STREQUAL "")
      set(result "0x0")
    endif()
  else()
    set(expect "true")
    set(result "0x0")
  endif()
  string(APPEND entries "    {\"${name}\", kProgram${n}, ${mem_span}, ${result}ull, ${expect}},\n")
  math(EXPR n "${n} + 1")
endforeach()

file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${VECTORS}\n// (the names listed in ${SUBSET}) by tests/firmware/generate_vectors.cmake.\n"
  "#include \"conformance_vectors.hpp\"\n\n"
  "namespace tc::firmware_test {\nnamespace {\n\n${tables}\n}  // namespace\n\n"
  "const ConformanceVector kConformanceVectors[] = {\n${entries}};\n"
  "const std::size_t kConformanceVectorCount = ${n};\n\n}  // namespace tc::firmware_test\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
