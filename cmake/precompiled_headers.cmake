# Precompiled headers: the heavy third-party headers (GoogleTest, nlohmann/json, CLI11,
# cpp-httplib) are parsed once per family of targets instead of once per file, which keeps
# `make test` inside CI's time (DESIGN.md 7).
#
# A family's precompiled header (PCH) is built by a target of its own, tc_pch_<family>: an empty
# object library whose compile flags and usage requirements define the family. Each member reuses
# that PCH (REUSE_FROM), which is valid only if the member compiles with the same code-generation
# flags and the same definitions of the macros those headers test (GTEST_HAS_PTHREAD,
# CPPHTTPLIB_*): hence a member links the family's libraries itself. Clang refuses a PCH that does
# not fit (other flags, another sanitizer, a macro defined otherwise), so a mismatch fails the
# build instead of passing unnoticed.
#
# Only standard and third-party headers go in. Project headers never do (runtime/ stays portable
# and keeps its own flags; no device-core library is a member), and every file keeps its own
# #includes: configure with -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON to build without any PCH and see
# an include that a file forgot.
#
# Clang only. GCC 12 drops the `#pragma GCC diagnostic` state of the headers in a PCH: a 4-line
# header that silences -Warray-bounds around an inline function warns again once precompiled.
# libstdc++ 12 silences its own -Warray-bounds and -Wstringop-* false positives that way
# (bits/char_traits.h), so with a PCH they come back, as errors, wherever a file concatenates
# std::strings (7 files of this tree). The GCC build compiles without PCH.

if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  set(TC_PCH_ENABLED ON)
else()
  set(TC_PCH_ENABLED OFF)
endif()

# Standard headers most host files include; each family's PCH carries them.
set(TC_PCH_STANDARD_HEADERS
  <algorithm> <array> <chrono> <cstdint> <cstring> <functional> <map> <memory> <optional> <span>
  <string> <string_view> <utility> <vector>)

# The families: name -> third-party headers, and the libraries whose usage requirements (include
# directories, definitions) they are compiled with. A target joins the family whose headers most
# of its files include.
set(TC_PCH_FAMILIES cli json http gtest gtest_json)
set(TC_PCH_cli_HEADERS <CLI/CLI.hpp> <nlohmann/json.hpp>)
set(TC_PCH_cli_LIBS CLI11::CLI11 nlohmann_json::nlohmann_json)
set(TC_PCH_json_HEADERS <nlohmann/json.hpp>)
set(TC_PCH_json_LIBS nlohmann_json::nlohmann_json)
set(TC_PCH_http_HEADERS <httplib.h> <nlohmann/json.hpp>)
set(TC_PCH_http_LIBS PkgConfig::TC_HTTPLIB nlohmann_json::nlohmann_json)
set(TC_PCH_gtest_HEADERS <gtest/gtest.h>)
set(TC_PCH_gtest_LIBS GTest::gtest)
set(TC_PCH_gtest_json_HEADERS <gtest/gtest.h> <nlohmann/json.hpp>)
set(TC_PCH_gtest_json_LIBS GTest::gtest nlohmann_json::nlohmann_json)

# The one source of every family's own target: the PCH is compiled with it.
set(TC_PCH_SOURCE ${CMAKE_BINARY_DIR}/precompiled_headers/tc_pch.cpp)
if(TC_PCH_ENABLED)
  file(CONFIGURE OUTPUT ${TC_PCH_SOURCE} CONTENT
       "// The translation unit of the precompiled-header targets (cmake/precompiled_headers.cmake).\n")
endif()

# The family's own target, made when a first member asks for it; built only for its members.
function(_tc_pch_family_target family)
  set(owner tc_pch_${family})
  if(TARGET ${owner})
    return()
  endif()
  add_library(${owner} OBJECT EXCLUDE_FROM_ALL ${TC_PCH_SOURCE})
  target_link_libraries(${owner} PRIVATE ${TC_PCH_${family}_LIBS})
  target_precompile_headers(${owner} PRIVATE ${TC_PCH_${family}_HEADERS}
                                             ${TC_PCH_STANDARD_HEADERS})
  tc_warnings(${owner})
endfunction()

# tc_precompiled_headers(target family): target's C++ files use the family's PCH.
function(tc_precompiled_headers target family)
  if(NOT family IN_LIST TC_PCH_FAMILIES)
    message(FATAL_ERROR "tc_precompiled_headers(${target}): no family '${family}' "
                        "(families: ${TC_PCH_FAMILIES})")
  endif()
  if(NOT TC_PCH_ENABLED)
    return()
  endif()
  _tc_pch_family_target(${family})
  target_precompile_headers(${target} REUSE_FROM tc_pch_${family})
endfunction()
