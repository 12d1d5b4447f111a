# Compiles every minishell source with arm-none-eabi-gcc for a Cortex-M3, freestanding,
# warnings as errors. Exit 77 (CTest: Skipped) when the compiler is missing.
if(NOT CC OR CC MATCHES "NOTFOUND")
  message("SKIPPED: arm-none-eabi-gcc not found (apt-get install gcc-arm-none-eabi)")
  cmake_language(EXIT 77)
endif()
file(MAKE_DIRECTORY ${OUT})
foreach(src IN LISTS SOURCES)
  get_filename_component(name ${src} NAME_WE)
  execute_process(
    COMMAND ${CC} -std=c99 -mcpu=cortex-m3 -mthumb -ffreestanding -nostdlib -Os
            -Wall -Wextra -Werror -I${INCLUDE} -c ${src} -o ${OUT}/${name}.o
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "freestanding Cortex-M3 compile failed: ${src}")
  endif()
  message("ok: ${name}.o")
endforeach()
