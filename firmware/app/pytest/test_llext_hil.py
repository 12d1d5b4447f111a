# Twister hands the board to llext-hil: after twister has flashed firmware/app (harness: pytest,
# test llext_hil.app.bench in tests.yaml/sample.yaml), this test runs the built-in llext-hil suite
# on the DUT's serial port and fails the twister case when llext-hil exits non-zero. See
# docs/boards.md ("Twister flashes and calls llext-hil").
#
# It uses pytest-twister-harness' `dut` fixture (a DeviceAdapter): `dut.device_config` carries the
# port and baud twister was given (--device-serial/--device-serial-baud or the hardware map), and
# `dut.disconnect()` releases the port so llext-hil can open it.
import os
import subprocess
import sys
from pathlib import Path

from twister_harness import DeviceAdapter

REPO = Path(__file__).resolve().parents[3]
# the launcher of this repository, or another one named by LLEXT_HIL
LLEXT_HIL = os.environ.get('LLEXT_HIL', str(REPO / 'llext-hil'))
# a whole suite on a 115200 baud UART takes about a minute; a hung run must not hang twister
RUN_TIMEOUT_S = float(os.environ.get('LLEXT_HIL_TIMEOUT', '900'))


def serial_port(device_config):
    """The DUT's UART as (port, baud), from the fields pytest-twister-harness fills in."""
    configs = getattr(device_config, 'serial_configs', None)
    if configs:
        return configs[0].port, configs[0].baud
    if getattr(device_config, 'serial_pty', ''):
        raise AssertionError('llext-hil needs the board\'s serial device; a serial_pty command cannot be shared')
    return device_config.serial, device_config.baud


def llext_hil_arguments(port, baud, run_dir):
    """What llext-hil is given: a bare link to the running board (it resets it through its shell).

    A case the board cannot run (restore-other-build needs a board that boots another firmware
    build by itself) is reported as skipped, with the reason, and does not fail the run."""
    return ['run', '--link', f'serial://{port}?baud={baud}', '--out', str(run_dir)]


def test_llext_hil_suite(dut: DeviceAdapter):
    port, baud = serial_port(dut.device_config)
    dut.disconnect()  # the port is llext-hil's from here on
    run_dir = Path(dut.device_config.build_dir) / 'llext-hil'
    command = [LLEXT_HIL] + llext_hil_arguments(port, baud, run_dir)
    result = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    assert result.returncode == 0, (
        f'llext-hil exited with {result.returncode} (1: divergences or errors, 2: configuration); '
        f'report: {run_dir / "report.html"}; {result.stderr.strip()[-500:]}')
