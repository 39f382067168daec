# cmake -DVECTORS=ecdsa_secp256r1_sha256_p1363_test.json -DSTRIDE=n -DOUTPUT=out.cpp
#       -P generate_ecdsa_vectors.cmake
#
# Writes a C++ source holding Wycheproof's ECDSA P-256 / SHA-256 vectors in P1363 form
# (../shared/vectors/crypto) as constant tables for the firmware's ES256 self-test
# (ecdsa_vectors.hpp): every STRIDE-th test of the file, in order, each with its group's public
# key. Run at build time into the build directory: the vectors are never copied into the
# repository. "acceptable" results (none in this file today) are left out: either verdict is right.
cmake_minimum_required(VERSION 3.25)

foreach(var VECTORS STRIDE OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "generate_ecdsa_vectors.cmake: -D${var}=... is required")
  endif()
endforeach()

file(READ "${VECTORS}" json)
string(JSON total GET "${json}" numberOfTests)
string(JSON group_count LENGTH "${json}" testGroups)

# "04ab..." -> "0x04, 0xab, ..."
function(hex_to_bytes hex out)
  string(REGEX REPLACE "([0-9a-fA-F][0-9a-fA-F])" "0x\\1, " bytes "${hex}")
  set(${out} "${bytes}" PARENT_SCOPE)
endfunction()

# table(NAME HEX OUT): a constant array NAME, or {} for no bytes (C++ has no empty arrays).
function(table name hex tables_var out)
  if(hex STREQUAL "")
    set(${out} "{}" PARENT_SCOPE)
    return()
  endif()
  hex_to_bytes("${hex}" bytes)
  set(${tables_var} "${${tables_var}}constexpr uint8_t ${name}[] = {${bytes}};\n" PARENT_SCOPE)
  set(${out} "${name}" PARENT_SCOPE)
endfunction()

set(tables "")
set(entries "")
set(seen 0)
set(n 0)
math(EXPR last_group "${group_count} - 1")
foreach(g RANGE ${last_group})
  string(JSON group GET "${json}" testGroups ${g})
  string(JSON key GET "${group}" publicKey uncompressed)
  string(JSON test_count LENGTH "${group}" tests)
  set(key_name "")
  math(EXPR last_test "${test_count} - 1")
  foreach(t RANGE ${last_test})
    math(EXPR pick "${seen} % ${STRIDE}")
    math(EXPR seen "${seen} + 1")
    string(JSON result GET "${group}" tests ${t} result)
    if(NOT pick EQUAL 0 OR result STREQUAL "acceptable")
      continue()
    endif()
    if(key_name STREQUAL "")
      table(kKey${g} "${key}" tables key_name)
    endif()
    string(JSON id GET "${group}" tests ${t} tcId)
    string(JSON msg GET "${group}" tests ${t} msg)
    string(JSON sig GET "${group}" tests ${t} sig)
    table(kMsg${id} "${msg}" tables msg_name)
    table(kSig${id} "${sig}" tables sig_name)
    set(valid "false")
    if(result STREQUAL "valid")
      set(valid "true")
    endif()
    string(APPEND entries "    {${id}, ${key_name}, ${msg_name}, ${sig_name}, ${valid}},\n")
    math(EXPR n "${n} + 1")
  endforeach()
endforeach()

file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${VECTORS}\n// (every ${STRIDE}th test) by tests/firmware/generate_ecdsa_vectors.cmake.\n"
  "#include \"ecdsa_vectors.hpp\"\n\n"
  "namespace tc::firmware_test {\nnamespace {\n\n${tables}\n}  // namespace\n\n"
  "const EcdsaVector kEcdsaVectors[] = {\n${entries}};\n"
  "const std::size_t kEcdsaVectorCount = ${n};\n"
  "const std::size_t kEcdsaVectorsInFile = ${total};\n\n}  // namespace tc::firmware_test\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
