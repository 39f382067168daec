# tc_mbed_primitives: the crypto port's operations over mbedTLS (mbed_primitives.hpp), one library
# for both ports. Included by ports/crypto/CMakeLists.txt (host: tc::mbedcrypto is Debian's
# libmbedcrypto) and by ports/cortex-m/CMakeLists.txt (firmware: tc::mbedcrypto is the
# cross-compiled source package, cmake/mbedtls_target.cmake).
add_library(tc_mbed_primitives STATIC ${CMAKE_CURRENT_LIST_DIR}/mbed_primitives.cpp)
target_include_directories(tc_mbed_primitives PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(tc_mbed_primitives PUBLIC tc_crypto tc::mbedcrypto)
tc_device_core(tc_mbed_primitives)
