# The manifest decoder (runtime/manifest).
#
# Two roles: included from tests/fuzz/CMakeLists.txt it registers the fuzz target; run with
# `cmake -P` (as the target's seed step) it encodes every example manifest into the corpus
# directory, given as the last argument: -DTCCTL=... -DMANIFESTS=dir -P manifest.cmake CORPUS
if(CMAKE_SCRIPT_MODE_FILE)
  math(EXPR last "${CMAKE_ARGC} - 1")
  set(corpus "${CMAKE_ARGV${last}}")
  file(GLOB manifests "${MANIFESTS}/*.json")
  foreach(manifest ${manifests})
    get_filename_component(name ${manifest} NAME_WE)
    execute_process(COMMAND ${TCCTL} manifest encode ${manifest} -o ${corpus}/${name}.cbor
                    OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
  endforeach()
  return()
endif()

if(TARGET tcctl)
  set(manifest_seeds SEEDS ${CMAKE_COMMAND} -DTCCTL=$<TARGET_FILE:tcctl>
      -DMANIFESTS=${CMAKE_SOURCE_DIR}/tests/data/manifests -P ${CMAKE_CURRENT_LIST_FILE})
endif()
tc_fuzzer(manifest_fuzzer ${CMAKE_CURRENT_LIST_DIR}/manifest_fuzzer.cpp LIBS tc_manifest
  SECONDS 30 ${manifest_seeds})
