# tc_containers(TARGET OUTPUT_DIR dir SOURCES file.c...): a custom target that compiles each C
# container with the real `tcctl build` into dir/<stem>.tcx, for tests and benchmarks.
function(tc_containers target)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR" "SOURCES" ${ARGN})
  set(images)
  foreach(src ${ARG_SOURCES})
    get_filename_component(stem ${src} NAME_WE)
    set(out ${ARG_OUTPUT_DIR}/${stem}.tcx)
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${ARG_OUTPUT_DIR}
      COMMAND $<TARGET_FILE:tcctl> build ${src} -o ${out} --sdk ${CMAKE_SOURCE_DIR}/sdk
      DEPENDS ${src} tcctl ${CMAKE_SOURCE_DIR}/sdk/include/tinycontainer.h
      COMMENT "tcctl build ${stem}.c" VERBATIM)
    list(APPEND images ${out})
  endforeach()
  add_custom_target(${target} DEPENDS ${images})
endfunction()
