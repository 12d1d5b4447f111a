#define _GNU_SOURCE
#include "keep_uart.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "board.h"
#include "console.h"

/* One boot in a child process; never returns. */
static void __attribute__((noreturn)) boot_child(const struct sim_options *opts, const struct transport *tr,
						 int again, void (*on_exit_report)(void))
{
	char why[512];

	/* the board has no life of its own once the process holding the UART is gone */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1) {
		_exit(SIM_EXIT_POWER_OFF);
	}
	if (again && board_setup(opts, why, sizeof(why)) != 0) {
		fprintf(stderr, "llext-hil-sim: %s\n", why);
		_exit(SIM_EXIT_BAD_ARGS);
	}
	console_init(tr->kind, tr->in_fd, tr->out_fd, tr->eof_byte, opts->baud, board_shell());
	atexit(on_exit_report);
	exit(board_run());
}

int keep_uart_run(const struct sim_options *opts, const struct transport *tr, void (*on_exit_report)(void))
{
	for (int boot = 0;; boot++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("llext-hil-sim: fork");
			return SIM_EXIT_BAD_ARGS;
		}
		if (pid == 0) {
			boot_child(opts, tr, boot > 0, on_exit_report);
		}
		int status;

		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				perror("llext-hil-sim: waitpid");
				return SIM_EXIT_BAD_ARGS;
			}
		}
		if (WIFSIGNALED(status)) {
			return 128 + WTERMSIG(status);
		}
		int code = WEXITSTATUS(status);

		if (code != SIM_EXIT_RESET && code != SIM_EXIT_POWER_CUT) {
			return code;
		}
		/* reset or power cut: the next boot, behind the same connection */
	}
}
