# The Zephyr side of the llext-hil module (included by firmware/CMakeLists.txt when it is
# processed as a Zephyr module). See docs/zephyr.md.
if(NOT CONFIG_LLEXT_HIL)
  return()
endif()

set(LLEXT_HIL_FW_DIR ${CMAKE_CURRENT_LIST_DIR}/..)

zephyr_library_named(llext_hil)

# The portable core: the same sources as the host build (firmware/core/CMakeLists.txt).
file(GLOB LLEXT_HIL_CORE_SOURCES ${LLEXT_HIL_FW_DIR}/core/src/*.c)
zephyr_library_sources(${LLEXT_HIL_CORE_SOURCES})
zephyr_library_sources(
  ${CMAKE_CURRENT_LIST_DIR}/src/port.c
  ${CMAKE_CURRENT_LIST_DIR}/src/backend.c
  ${CMAKE_CURRENT_LIST_DIR}/src/heap_wrap.c)

zephyr_library_include_directories(
  ${LLEXT_HIL_FW_DIR}/core/include
  ${LLEXT_HIL_FW_DIR}/core/src
  ${CMAKE_CURRENT_LIST_DIR}/src
  # backend.c includes subsys/llext/llext_priv.h for struct llext_elf_sect_map (save/restore
  # copy section maps; the real definition, not a mirror). See the note in backend.c.
  ${ZEPHYR_BASE}/subsys/llext
  ${CMAKE_CURRENT_BINARY_DIR}/llext_hil_generated)

zephyr_library_compile_definitions(LLEXT_HIL_HEAP_SYM=${CONFIG_LLEXT_HIL_HEAP_SYMBOL})

# Count (and fail on demand) LLEXT heap allocations: every LLEXT allocation ends in
# k_heap_alloc / k_heap_aligned_alloc / k_heap_free on the LLEXT k_heap (static inline
# helpers in subsys/llext/llext_priv.h, so the calls sit in LLEXT's own objects), and those
# three are plain functions of kernel/kheap.c: --wrap redirects the calls made from other
# objects; heap_wrap.c passes calls on other heaps straight through. Passed as raw link
# items, the way Zephyr's own toolchain_ld_force_undefined_symbols() passes -u.
zephyr_link_libraries(
  ${LINKERFLAGPREFIX},--wrap=k_heap_alloc
  ${LINKERFLAGPREFIX},--wrap=k_heap_aligned_alloc
  ${LINKERFLAGPREFIX},--wrap=k_heap_free)

# Build id: 16 hex digits from a SHA-256 over the glue and core sources, the .config,
# the Zephyr version and the board. Regenerated on every build (the file is rewritten
# only when the id changes), so an edited source gets a new id without a re-configure.
set(LLEXT_HIL_GEN_DIR ${CMAKE_CURRENT_BINARY_DIR}/llext_hil_generated)
file(GLOB LLEXT_HIL_GLUE_SOURCES ${CMAKE_CURRENT_LIST_DIR}/src/*.c ${CMAKE_CURRENT_LIST_DIR}/src/*.h
     ${LLEXT_HIL_FW_DIR}/core/include/hil/*.h)
set(LLEXT_HIL_ID_INPUTS ${LLEXT_HIL_CORE_SOURCES} ${LLEXT_HIL_GLUE_SOURCES} ${DOTCONFIG})
list(SORT LLEXT_HIL_ID_INPUTS)
string(REPLACE ";" "|" LLEXT_HIL_ID_INPUTS_ARG "${LLEXT_HIL_ID_INPUTS}")
# Board target ("mps2/an385"): BOARD_QUALIFIERS starts with "/" up to v4.3 and no longer
# does from v4.4 (migration guide 4.4, Build System), so add the slash only when missing.
if(NOT BOARD_QUALIFIERS)
  set(LLEXT_HIL_BOARD_TARGET ${BOARD})
elseif(BOARD_QUALIFIERS MATCHES "^/")
  set(LLEXT_HIL_BOARD_TARGET ${BOARD}${BOARD_QUALIFIERS})
else()
  set(LLEXT_HIL_BOARD_TARGET ${BOARD}/${BOARD_QUALIFIERS})
endif()
add_custom_target(llext_hil_build_id
  COMMAND ${CMAKE_COMMAND}
          -DINPUTS=${LLEXT_HIL_ID_INPUTS_ARG}
          -DEXTRA=${KERNEL_VERSION_STRING}|${LLEXT_HIL_BOARD_TARGET}
          -DBOARD_TARGET=${LLEXT_HIL_BOARD_TARGET}
          -DOUT=${LLEXT_HIL_GEN_DIR}/llext_hil_build.h
          -P ${CMAKE_CURRENT_LIST_DIR}/gen_build_id.cmake
  BYPRODUCTS ${LLEXT_HIL_GEN_DIR}/llext_hil_build.h
  COMMENT "llext-hil build id"
  VERBATIM)
add_dependencies(llext_hil llext_hil_build_id)
