/*
 * The QEMU core's board: the HIL core's port (UART console, PSRAM storage, SYSRESETREQ
 * resets, identity), the C LLEXT model as backend, the minishell as console shell, and the
 * boot sequence and main loop (main() lives in board.c). The shell hooks, the console half of
 * the port and the fatal-error path are firmware/modelboard, shared with the sim.
 */
#ifndef QC_BOARD_H
#define QC_BOARD_H

/* Stops everything that could wake the CPU and sleeps for good (QMP system_reset or a
 * new QEMU brings it back). */
void board_halt(void) __attribute__((noreturn));

/* A CPU exception (HardFault...): prints a Zephyr-style fatal banner, then halts. */
void board_cpu_exception(const char *what) __attribute__((noreturn));

#endif
