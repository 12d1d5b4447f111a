/*
 * The simulated board: the HIL core's port (console, flash file, reset, power cut, identity),
 * the C LLEXT model as its backend, the minishell as its console, and the boot sequence. The
 * shell hooks, the console half of the port and the fatal-error path are firmware/modelboard,
 * shared with the QEMU core.
 */
#ifndef SIM_BOARD_H
#define SIM_BOARD_H

#include "minishell/minishell.h"
#include "sim_options.h"

/* Process exit codes (docs/protocol.md section 7). */
#define SIM_EXIT_POWER_OFF 0
#define SIM_EXIT_BAD_ARGS  2
#define SIM_EXIT_RESET     3
#define SIM_EXIT_POWER_CUT 4

/* Opens the flash and no-init files and sets everything up; prints nothing on the console.
 * Returns 0, or -1 with a one-line reason in `why` (bad command line or unusable files). */
int board_setup(const struct sim_options *opts, char *why, size_t why_len);

/* The console shell, for console_init(). */
struct ms_shell *board_shell(void);

/* Boots (banner, boot log, prompt) on the console already given to console_init() and runs
 * until power off. Returns the process exit code; resets and power cuts exit directly. */
int board_run(void);

#endif
