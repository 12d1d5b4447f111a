/**
 * Board client: the firmware's HIL command set (docs/protocol.md) as a typed API over a shell
 * session. Depends on the shell layer only; knows nothing of campaigns or the twin.
 */
package io.llexthil.board;
