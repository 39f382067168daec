# The firmware build (docs/firmware.md): the presets firmware-<board> set TC_FIRMWARE_BOARD to a
# QEMU machine, and the top-level CMakeLists.txt includes this file before runtime/ is added, then
# adds ports/cortex-m and tests/firmware. The host build and the plain cortex-m3 cross build never
# include it.
set(TC_FIRMWARE_BOARDS lm3s6965evb mps2-an386)
if(NOT TC_FIRMWARE_BOARD IN_LIST TC_FIRMWARE_BOARDS)
  message(FATAL_ERROR "TC_FIRMWARE_BOARD=${TC_FIRMWARE_BOARD}: expected one of ${TC_FIRMWARE_BOARDS}")
endif()
# The agent's slot table on the target: capacity for 4 containers (issue 7). Directory-wide and
# before runtime/, so runtime/ and the firmware see the same Agent layout.
add_compile_definitions(TC_AGENT_MAX_CONTAINERS=4)
