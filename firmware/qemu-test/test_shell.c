/*
 * A tiny stand-in for a Zephyr shell, for testing the QEMU link: prints a Zephyr-like boot
 * banner and the `uart:~$ ` prompt, echoes what it receives, answers `hello`, and resets the
 * machine on `reboot` (SYSRESETREQ, which QEMU reports as a guest reset).
 */
#include <stdbool.h>
#include <stddef.h>

#include "cmsdk_uart.h"
#include "cortex_m3.h"
#include "mps2_an385.h"

#define CONSOLE_BAUD 115200u
#define LINE_MAX 64

static const struct cmsdk_uart console = {MPS2_UART0_BASE, MPS2_UART0_RX_IRQ};

static bool streq(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static void prompt(void) { cmsdk_uart_puts(&console, "uart:~$ "); }

static void run_command(const char *line)
{
    if (line[0] == '\0') {
        return;
    }
    if (streq(line, "hello")) {
        cmsdk_uart_puts(&console, "hello from mps2-an385\n");
    } else if (streq(line, "reboot")) {
        cmsdk_uart_puts(&console, "rebooting\n");
        cm3_system_reset();
    } else {
        cmsdk_uart_puts(&console, line);
        cmsdk_uart_puts(&console, ": command not found\n");
    }
}

int main(void)
{
    char line[LINE_MAX];
    size_t len = 0;
    char c;

    cm3_mask_irqs(); /* interrupts only wake WFI; see cmsdk_uart_sleep_until_rx */
    cmsdk_uart_init(&console, MPS2_SYSCLK_HZ, CONSOLE_BAUD);
    cmsdk_uart_puts(&console, "*** Booting Zephyr OS build qemu-test ***\n");
    prompt();

    for (;;) {
        if (!cmsdk_uart_try_getc(&console, &c)) {
            cmsdk_uart_sleep_until_rx(&console);
            continue;
        }
        if (c == '\r' || c == '\n') {
            /* a terminal may send CR LF: the LF then ends an empty line, which prints nothing */
            if (c == '\n' && len == 0) {
                continue;
            }
            cmsdk_uart_puts(&console, "\n");
            line[len] = '\0';
            run_command(line);
            len = 0;
            prompt();
        } else if (c == '\b' || c == 0x7f) {
            if (len > 0) {
                len--;
                cmsdk_uart_puts(&console, "\b \b");
            }
        } else if (len < LINE_MAX - 1) {
            line[len++] = c;
            cmsdk_uart_putc(&console, c);
        }
    }
}
