# The container manifest (runtime/manifest, cli/manifest, tcctl manifest).
#
# This file has two roles. Included from tests/unit/CMakeLists.txt it registers the tests; run
# with `cmake -P` it is the driver for one `tcctl manifest check` case (no shell involved):
#   -DTCCTL=... -DMANIFEST=file.json [-DBOARD=board.json] -DRC=0|1 [-DEXPECT="text in the output"]
if(CMAKE_SCRIPT_MODE_FILE)
  set(args manifest check ${MANIFEST})
  if(BOARD)
    list(APPEND args --board ${BOARD})
  endif()
  execute_process(COMMAND ${TCCTL} ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  message(STATUS "${out}${err}")
  if(NOT rc EQUAL RC)
    message(FATAL_ERROR "tcctl manifest check ${MANIFEST}: exit ${rc}, expected ${RC}")
  endif()
  if(EXPECT)
    string(FIND "${out}${err}" "${EXPECT}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "tcctl manifest check ${MANIFEST}: output lacks '${EXPECT}'")
    endif()
  endif()
  return()
endif()

tc_gtest(manifest_unit_test
  ${CMAKE_CURRENT_LIST_DIR}/manifest_codec_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/manifest_validate_test.cpp
  LIBS tc_manifest)
tc_gtest(manifest_json_test ${CMAKE_CURRENT_LIST_DIR}/manifest_json_test.cpp
  LIBS tc_manifest_json PCH gtest_json)

if(TARGET tcctl)
  set(data ${CMAKE_SOURCE_DIR}/tests/data)
  set(board ${data}/boards/smartdronebox.json)
  # manifest_cli_<name>(file rc [board] [expected text])
  function(tc_manifest_cli name file rc use_board expect)
    set(board_arg "")
    if(use_board)
      set(board_arg -DBOARD=${board})
    endif()
    add_test(NAME manifest_cli_${name}
      COMMAND ${CMAKE_COMMAND} -DTCCTL=$<TARGET_FILE:tcctl> -DMANIFEST=${file} ${board_arg}
              -DRC=${rc} "-DEXPECT=${expect}" -P ${CMAKE_CURRENT_FUNCTION_LIST_FILE})
  endfunction()
  foreach(name delivery-ui transit-monitor radio-mapper minimal)
    tc_manifest_cli(${name} ${data}/manifests/${name}.json 0 ON "valid: ")
  endforeach()
  set(invalid ${data}/manifests/invalid)
  tc_manifest_cli(unknown_field ${invalid}/unknown-field.json 1 OFF
    "$.timing.loop_perod_ms: unknown field (did you mean loop_period_ms?)")
  tc_manifest_cli(calls_negative ${invalid}/calls-negative.json 1 OFF
    "$.endpoints[1].limits.calls_per_second: expected a non-negative integer below 2^32")
  tc_manifest_cli(duplicate_id ${invalid}/duplicate-id.json 1 OFF
    "$.endpoints[1].id: duplicate endpoint id")
  tc_manifest_cli(bad_target ${invalid}/bad-target.json 1 OFF "$.endpoints[0].target: bad target")
  tc_manifest_cli(bounds_on_read ${invalid}/bounds-on-read.json 1 OFF
    "$.endpoints[0].limits.min: value bounds need a writable endpoint")
  tc_manifest_cli(duplicate_field ${invalid}/duplicate-field.json 1 OFF "$.version: duplicate field")
  tc_manifest_cli(syntax ${invalid}/syntax.json 1 OFF "$: parse error at line 2")
  tc_manifest_cli(too_many_endpoints ${invalid}/too-many-endpoints.json 1 OFF
    "$.endpoints: at most 8 endpoints (found 9)")
  tc_manifest_cli(many_errors ${invalid}/many-errors.json 1 OFF
    "$.exports[1].observable: observable needs GET")
  tc_manifest_cli(sensor_write ${invalid}/sensor-write.json 1 ON
    "$.endpoints[0].direction: direction not allowed by the resource")
  tc_manifest_cli(sensor_write_without_board ${invalid}/sensor-write.json 0 OFF "valid: ")
  tc_manifest_cli(unknown_resource ${invalid}/unknown-resource.json 1 ON
    "$.endpoints[0].target: no such resource on the board")
  tc_manifest_cli(lock_bounds ${invalid}/lock-bounds.json 1 ON
    "$.endpoints[0].limits.max: bounds outside the resource's range")
  # encode with the host, decode with the device decoder: the same JSON comes back.
  set(work ${CMAKE_CURRENT_BINARY_DIR}/manifest-roundtrip)
  add_test(NAME manifest_cli_encode_decode
    COMMAND sh -c "mkdir -p '${work}' && \
'$<TARGET_FILE:tcctl>' manifest encode '${data}/manifests/delivery-ui.json' --board '${board}' -o '${work}/ui.cbor' && \
'$<TARGET_FILE:tcctl>' manifest decode '${work}/ui.cbor' > '${work}/ui.json' && \
'$<TARGET_FILE:tcctl>' manifest encode '${work}/ui.json' -o '${work}/again.cbor' && \
cmp '${work}/ui.cbor' '${work}/again.cbor'")
endif()
