# hil_build_id_header(OUT <header> MACRO <name> COMMENT <text> INPUTS <files...>)
#
# Adds a build-time custom command that (re)writes <header> with #define <name> "<16 hex>",
# a hash of INPUTS (gen_build_id.cmake), whenever one of them changes. INPUTS are sorted
# here, so the id does not depend on the order the caller lists them in.
set(HIL_GEN_BUILD_ID_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/gen_build_id.cmake)

function(hil_build_id_header)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "OUT;MACRO;COMMENT" "INPUTS")
  set(_inputs ${arg_INPUTS})
  list(SORT _inputs)
  add_custom_command(
    OUTPUT ${arg_OUT}
    COMMAND ${CMAKE_COMMAND} -DOUT=${arg_OUT} -DMACRO=${arg_MACRO} "-DINPUTS=${_inputs}"
            -P ${HIL_GEN_BUILD_ID_SCRIPT}
    DEPENDS ${_inputs} ${HIL_GEN_BUILD_ID_SCRIPT}
    COMMENT "${arg_COMMENT}"
    VERBATIM)
endfunction()
