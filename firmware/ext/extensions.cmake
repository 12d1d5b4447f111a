# The sample extensions, built with Zephyr's add_llext_target (cmake/modules/extensions.cmake)
# into <build>/llext/<name>.llext. Included by firmware/app/CMakeLists.txt after
# find_package(Zephyr). The sources are the ones the model boards use (firmware/model/ext/,
# built there by firmware/model/CMakeLists.txt): one source per extension for both toolchains,
# the export marker (ext_export.h) picks LL_EXTENSION_SYMBOL here.
set(LLEXT_HIL_EXT_SRC ${CMAKE_CURRENT_LIST_DIR}/../model/ext)
set(LLEXT_HIL_EXT_OUT ${CMAKE_BINARY_DIR}/llext)
file(MAKE_DIRECTORY ${LLEXT_HIL_EXT_OUT})

set(llext_hil_ext_outputs)
foreach(name producer consumer counter noexp chain8)
  add_llext_target(${name}_ext
    OUTPUT ${LLEXT_HIL_EXT_OUT}/${name}.llext
    SOURCES ${LLEXT_HIL_EXT_SRC}/${name}.c)
  list(APPEND llext_hil_ext_outputs ${name}_ext)
endforeach()

foreach(n RANGE 0 7)
  add_llext_target(chain${n}_ext
    OUTPUT ${LLEXT_HIL_EXT_OUT}/chain${n}.llext
    SOURCES ${LLEXT_HIL_EXT_SRC}/chain_link.c)
  llext_compile_definitions(chain${n}_ext CHAIN_INDEX=${n})
  list(APPEND llext_hil_ext_outputs chain${n}_ext)
endforeach()

# Part of the default build, so the build leaves the .llext files next to zephyr.elf.
add_custom_target(llext_hil_extensions ALL)
add_dependencies(llext_hil_extensions ${llext_hil_ext_outputs})
