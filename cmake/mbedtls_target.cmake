# mbedTLS for the firmware (docs/crypto.md, "mbedTLS on the firmware"): Debian's source package,
# unpacked by scripts/bootstrap into build/third_party/mbedtls-<version>/ (never committed), cross
# compiled with the firmware's flags and ports/cortex-m/mbedtls/tc_mbedtls_config.h. Only the
# modules ES256 verification needs are built. Defines tc::mbedcrypto, the name the host build
# gives Debian's libmbedcrypto, so the shared mbedTLS code (ports/crypto/mbed_primitives.cmake)
# links the same way in both builds.
set(TC_MBEDTLS_SOURCE_DIR "" CACHE PATH
    "mbedTLS 2.x source tree for the firmware (default: the newest build/third_party/mbedtls-2.*)")
if(NOT TC_MBEDTLS_SOURCE_DIR)
  file(GLOB candidates LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/build/third_party/mbedtls-2.*)
  list(SORT candidates COMPARE NATURAL ORDER DESCENDING)
  list(GET candidates 0 TC_MBEDTLS_SOURCE_DIR)
endif()
if(NOT EXISTS "${TC_MBEDTLS_SOURCE_DIR}/include/mbedtls/ecdsa.h")
  message(FATAL_ERROR
    "The firmware's crypto port needs mbedTLS's source (Debian's source package), and "
    "${CMAKE_SOURCE_DIR}/build/third_party/mbedtls-2.*/ is missing: run scripts/bootstrap, "
    "or point TC_MBEDTLS_SOURCE_DIR at an mbedTLS 2.x tree.")
endif()
message(STATUS "mbedTLS for the firmware: ${TC_MBEDTLS_SOURCE_DIR}")

set(modules sha256 bignum constant_time ecp ecp_curves ecdsa asn1parse asn1write platform platform_util
            memory_buffer_alloc)
list(TRANSFORM modules PREPEND ${TC_MBEDTLS_SOURCE_DIR}/library/)
list(TRANSFORM modules APPEND .c)
add_library(tc_mbedcrypto STATIC ${modules})
# SYSTEM: third-party headers, compiled under the project's -Werror elsewhere.
target_include_directories(tc_mbedcrypto SYSTEM PUBLIC
  ${TC_MBEDTLS_SOURCE_DIR}/include ${CMAKE_SOURCE_DIR}/ports/cortex-m/mbedtls)
target_compile_definitions(tc_mbedcrypto PUBLIC MBEDTLS_CONFIG_FILE="tc_mbedtls_config.h")
add_library(tc::mbedcrypto ALIAS tc_mbedcrypto)
