# Warnings are errors everywhere; each target opts in with tc_warnings(target).
function(tc_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Wunused -Woverloaded-virtual -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough -Werror)
endfunction()

# The device core's rules: no exceptions, no RTTI (DESIGN.md 2).
function(tc_device_core target)
  tc_warnings(${target})
  # -Wnull-dereference only here: in host code GCC 12 raises it falsely inside libstdc++ strings
  # that CLI11 uses.
  target_compile_options(${target} PRIVATE -fno-exceptions -fno-rtti -Wnull-dereference)
endfunction()
