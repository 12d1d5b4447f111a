package io.llexthil.junit;

import io.llexthil.board.AccessMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a field or parameter of type {@link io.llexthil.board.BoardClient} that
 * {@link HilBoardExtension} fills with a ready board. The board is opened once per test class and
 * closed after the class; fields and parameters with the same attributes share it.
 *
 * <pre>{@code
 * class MyExtensionIT {                                // @HilBoard registers HilBoardExtension itself
 *     @HilBoard BoardClient board;                    // boards/sim.yaml, fresh flash
 *
 *     @Test void startsEmpty(@HilBoard BoardClient same) {  // the same board as the field
 *         HilAssertions.assertThat(same.state()).hasNoExtensions();
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@ExtendWith(HilBoardExtension.class) // the annotation registers its extension (JUnit 5.8+): no @ExtendWith needed
public @interface HilBoard {

    /**
     * A board of {@code boards/*.yaml} (or of {@link #hardwareMap}) by name or id. Empty means
     * {@code sim} unless {@link #link} is given; then the link alone is the board, with Zephyr
     * shell defaults. With both, the named board's profile is used over the other link.
     */
    String name() default "";

    /** A link URL (docs/links.md) instead of, or overriding, the named board's link. */
    String link() default "";

    /** A twister hardware map (docs/boards.md); relative paths are from the working directory. */
    String hardwareMap() default "";

    /** READ_ONLY sends only commands that cannot change the board (field diagnostics). */
    AccessMode mode() default AccessMode.READ_WRITE;

    /**
     * For {@code sim:} links: give the class a new, erased flash file of its own (the {@code flash=}
     * parameter is rewritten to a temporary file, deleted after the class), so no test sees a
     * context saved by an earlier run or another class. Ignored for other links.
     */
    boolean freshFlash() default true;

    /**
     * Reset the board (its profile's reset method) before every test but the first on each boot,
     * so each test starts on a new boot with nothing loaded. Needs READ_WRITE.
     */
    boolean resetBeforeEach() default false;

    /**
     * Boards of the inventory (by name or id) the class may use instead of one {@link #name}: it
     * leases the first that is free (not locked by another class or JVM), so test classes running
     * in parallel spread over the pool. Simulated boards need no pool: each class starts its own.
     */
    String[] pool() default {};

    /** How long a class waits for a free board of {@link #pool} when all are busy. */
    int poolWaitSeconds() default 600;
}
