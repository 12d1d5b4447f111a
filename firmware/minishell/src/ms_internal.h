/* Helpers shared by the minishell sources; not part of the public API. */
#ifndef MS_INTERNAL_H
#define MS_INTERNAL_H

#include "minishell/minishell.h"

/* Freestanding builds have no <string.h>: these few are all the shell needs. */
size_t ms_strlen(const char *s);
bool ms_streq(const char *a, const char *b);

/* Consumer side of the RX ring: one byte, or false when it is empty. */
bool ms_rx_get(struct ms_shell *sh, uint8_t *out);

/* Raw output, no conversion. */
void ms_raw(struct ms_shell *sh, const char *buf, size_t len);
void ms_raw_str(struct ms_shell *sh, const char *s);

/* Prompt (coloured when colours are on) followed by the typed input; marks it visible. */
void ms_show_prompt_and_line(struct ms_shell *sh);

/* Zephyr's VT100 sequences (subsys/shell/shell_vt100.h). */
#define MS_VT100_GREEN    "\x1b[1;32m"
#define MS_VT100_RED      "\x1b[1;31m"
#define MS_VT100_YELLOW   "\x1b[1;33m"
#define MS_VT100_MODESOFF "\x1b[m"
#define MS_VT100_ERASE_LN "\x1b[2K"
/* Zephyr's log colours (include/zephyr/logging/log_output.h). */
#define MS_LOG_COLOR_DEFAULT "\x1b[0m"

#endif
