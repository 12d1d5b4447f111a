/**
 * JUnit 5 front end: {@link io.llexthil.junit.HilBoard} and {@link io.llexthil.junit.HilBoardExtension}
 * put a ready board into a test class (opened once per class, closed once after it, transcripts
 * under {@code target/llext-hil/}, the board's last words attached to failures), and
 * {@link io.llexthil.junit.HilAssertions} reads like the domain. A thin layer over the board
 * client; see docs/junit.md.
 */
package io.llexthil.junit;
