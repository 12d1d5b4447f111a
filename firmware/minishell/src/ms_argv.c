/*
 * Splitting a command line into argv, in place, the way Zephyr's shell does for the cases
 * the host uses: blanks separate, quotes group (and are removed), backslash escapes.
 */
#include "ms_internal.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int ms_tokenize(char *line, char **argv, int argv_max)
{
	char *rd = line;
	int argc = 0;

	for (;;) {
		while (is_blank(*rd)) {
			rd++;
		}
		if (*rd == '\0') {
			break;
		}
		if (argc >= argv_max) {
			return -1;
		}
		/* Copy the argument onto itself, dropping quotes and escapes: the write pointer
		 * never overtakes the read pointer. */
		char *wr = rd;
		char quote = '\0';

		argv[argc++] = wr;
		while (*rd != '\0' && (quote != '\0' || !is_blank(*rd))) {
			char c = *rd++;

			if (c == '\\' && *rd != '\0') {
				*wr++ = *rd++;
			} else if (quote != '\0' && c == quote) {
				quote = '\0';
			} else if (quote == '\0' && (c == '"' || c == '\'')) {
				quote = c;
			} else {
				*wr++ = c;
			}
		}
		if (quote != '\0') {
			return -1;
		}
		bool at_end = *rd == '\0';

		*wr = '\0';
		if (at_end) {
			break;
		}
		rd++; /* the blank that ended the argument; wr <= rd so the NUL did not clobber it */
	}
	return argc;
}
