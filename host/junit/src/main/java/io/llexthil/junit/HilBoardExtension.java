package io.llexthil.junit;

import io.llexthil.board.AccessMode;
import io.llexthil.board.BoardClient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * JUnit 5 extension that puts a ready board into a test class: every {@link HilBoard} field and
 * parameter of type {@link BoardClient} gets the class's board.
 *
 * <ul>
 *   <li>A board is opened (link, shell, first ready boot) the first time the class needs it, at
 *       the latest in {@code beforeAll} for fields, and is kept in the class's
 *       {@link ExtensionContext.Store}; JUnit closes it once after the class.</li>
 *   <li>Transcripts go to {@code target/llext-hil/<test class>/} (configuration parameter
 *       {@value #OUTPUT_DIR} to move the {@code target/llext-hil} part).</li>
 *   <li>With {@link HilBoard#resetBeforeEach()} every test but the first on a boot gets a reset.</li>
 *   <li>A test or lifecycle method that fails gets the last {@value #EXCERPT_LINES} lines the board
 *       sent attached as a suppressed {@link BoardTranscriptExcerpt}.</li>
 * </ul>
 */
public class HilBoardExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    /** JUnit configuration parameter (or system property): where the per-class run directories go. */
    public static final String OUTPUT_DIR = "llexthil.junit.output-dir";
    /** How many stripped transcript lines a failure gets. */
    public static final int EXCERPT_LINES = 40;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HilBoardExtension.class);

    /** The board of a builder-made extension ({@link #builder()}); null for the annotation-driven one. */
    private final BoardSpec own;
    private volatile ClassBoard ownBoard;

    /** The extension as {@code @ExtendWith} and {@link HilBoard} register it: boards for annotated fields and parameters. */
    public HilBoardExtension() {
        this(null);
    }

    private HilBoardExtension(BoardSpec own) {
        this.own = own;
    }

    /**
     * A board configured in code, in the habit of Testcontainers:
     * <pre>{@code
     * @RegisterExtension
     * static final HilBoardExtension hil = HilBoardExtension.builder().name("sim").resetBeforeEach(true).build();
     *
     * @Test void startsEmpty() { HilAssertions.assertThat(hil.client().state()).hasNoExtensions(); }
     * }</pre>
     * Register it in a static field: the board is opened before the class's tests and closed after them.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The board of a builder-made extension, ready.
     *
     * @throws IllegalStateException before the class's tests started, or for the annotation-driven extension
     */
    public BoardClient client() {
        if (own == null) {
            throw new IllegalStateException("client() is for an extension made with HilBoardExtension.builder();"
                    + " with @ExtendWith use @HilBoard fields or parameters");
        }
        ClassBoard b = ownBoard;
        if (b == null) {
            throw new IllegalStateException(own.describe() + " is opened before the class's tests (register the extension"
                    + " in a static @RegisterExtension field and call client() from a test or a @BeforeEach method)");
        }
        return b.client();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (own != null) {
            ownBoard = boardsOf(context, testClass).get(own);
            return; // annotated fields and parameters are the annotation-driven extension's work
        }
        annotatedFields(testClass, f -> true).forEach(HilBoardExtension::checkField); // before opening anything
        ClassBoards boards = boardsOf(context, testClass);
        for (Field field : annotatedFields(testClass, HilBoardExtension::isStatic)) {
            inject(field, null, boards);
        }
        // open the instance fields' boards now too: a board that cannot be reached fails the class once
        for (Field field : annotatedFields(testClass, f -> !isStatic(f))) {
            boards.get(specOf(field));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (own != null) {
            if (ownBoard != null) {
                ownBoard.beforeTest(context.getUniqueId());
            }
            return;
        }
        Set<ClassBoards> involved = new LinkedHashSet<>();
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            ClassBoards boards = boardsOf(context, instance.getClass());
            involved.add(boards);
            for (Field field : annotatedFields(instance.getClass(), f -> !isStatic(f))) {
                inject(field, instance, boards);
            }
        }
        for (Parameter parameter : context.getRequiredTestMethod().getParameters()) {
            HilBoard annotation = parameter.getAnnotation(HilBoard.class);
            // opened before the test so resetBeforeEach covers it; a wrong type is reported by supportsParameter
            if (annotation != null && parameter.getType().isAssignableFrom(BoardClient.class)) {
                boardFor(context, BoardSpec.of(annotation));
            }
        }
        involved.addAll(boardsInScope(context));
        for (ClassBoards boards : involved) {
            for (ClassBoard board : boards.opened()) {
                board.beforeTest(context.getUniqueId());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (own != null || !parameterContext.isAnnotated(HilBoard.class)) {
            return false;
        }
        Parameter parameter = parameterContext.getParameter();
        if (!parameter.getType().isAssignableFrom(BoardClient.class)) {
            throw new ParameterResolutionException("@HilBoard on parameter '" + parameter.getName() + "' of "
                    + parameterContext.getDeclaringExecutable() + ": the type must be BoardClient, not "
                    + parameter.getType().getName());
        }
        return true;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        HilBoard annotation = parameterContext.findAnnotation(HilBoard.class).orElseThrow();
        return boardFor(extensionContext, BoardSpec.of(annotation)).client();
    }

    /**
     * A parameter's board: one with the same attributes already open for this class or an
     * enclosing one (a {@code @Nested} test shares its outer class's board), else a new one for
     * this class.
     */
    private static ClassBoard boardFor(ExtensionContext context, BoardSpec spec) {
        for (ClassBoards boards : boardsInScope(context)) {
            Optional<ClassBoard> open = boards.find(spec);
            if (open.isPresent()) {
                return open.get();
            }
        }
        return boardsOf(context, context.getRequiredTestClass()).get(spec);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw attachTranscripts(context, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw attachTranscripts(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw attachTranscripts(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw attachTranscripts(context, throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw attachTranscripts(context, throwable);
    }

    /** Adds one excerpt per board open for this test (its class and enclosing classes), once each. */
    private static Throwable attachTranscripts(ExtensionContext context, Throwable failure) {
        Set<String> already = new LinkedHashSet<>();
        for (Throwable s : failure.getSuppressed()) {
            if (s instanceof BoardTranscriptExcerpt e) {
                already.add(e.board() + "|" + e.transcriptFile());
            }
        }
        for (ClassBoards boards : boardsInScope(context)) {
            for (ClassBoard board : boards.opened()) {
                BoardTranscriptExcerpt excerpt;
                try {
                    excerpt = board.excerpt(EXCERPT_LINES);
                } catch (RuntimeException e) {
                    failure.addSuppressed(e); // never let the report's extra hide the failure itself
                    continue;
                }
                if (already.add(excerpt.board() + "|" + excerpt.transcriptFile())) {
                    failure.addSuppressed(excerpt);
                }
            }
        }
        return failure;
    }

    /**
     * The boards stored by this context and its ancestors, innermost first (a child store also
     * sees its parents' values, hence the identity check).
     */
    private static List<ClassBoards> boardsInScope(ExtensionContext context) {
        Map<ClassBoards, Boolean> seen = new IdentityHashMap<>();
        List<ClassBoards> out = new ArrayList<>();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            ClassBoards boards = c.get().getStore(NAMESPACE).get(ClassBoards.class, ClassBoards.class);
            if (boards != null && seen.put(boards, Boolean.TRUE) == null) {
                out.add(boards);
            }
        }
        return out;
    }

    /**
     * The boards of {@code testClass}, stored in that class's own context (for a {@code @Nested}
     * test the outer class's context holds the outer fields' boards).
     */
    private static ClassBoards boardsOf(ExtensionContext context, Class<?> testClass) {
        ExtensionContext classContext = classContext(context, testClass);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(ClassBoards.class,
                key -> new ClassBoards(testClass, runDir(classContext, testClass)), ClassBoards.class);
    }

    private static ExtensionContext classContext(ExtensionContext context, Class<?> testClass) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            ExtensionContext candidate = c.get();
            if (candidate.getTestMethod().isEmpty() && candidate.getTestClass().filter(testClass::equals).isPresent()) {
                return candidate;
            }
        }
        throw new ExtensionConfigurationException("no class-level JUnit context for " + testClass.getName()
                + " above " + context.getUniqueId());
    }

    private static Path runDir(ExtensionContext classContext, Class<?> testClass) {
        return classContext.getConfigurationParameter(OUTPUT_DIR).map(Path::of)
                .orElse(Path.of("target", "llext-hil")).resolve(testClass.getName());
    }

    private static List<Field> annotatedFields(Class<?> type, Predicate<Field> filter) {
        return AnnotationSupport.findAnnotatedFields(type, HilBoard.class, filter, HierarchyTraversalMode.TOP_DOWN);
    }

    private static BoardSpec specOf(Field field) {
        return BoardSpec.of(field.getAnnotation(HilBoard.class));
    }

    private static void checkField(Field field) {
        if (!field.getType().isAssignableFrom(BoardClient.class)) {
            throw new ExtensionConfigurationException(where(field) + ": @HilBoard needs a field of type BoardClient, not "
                    + field.getType().getName());
        }
        if (Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException(where(field) + ": a @HilBoard field must not be final");
        }
    }

    private static void inject(Field field, Object instance, ClassBoards boards) {
        checkField(field);
        BoardClient client = boards.get(specOf(field)).client();
        try {
            field.setAccessible(true);
            field.set(instance, client);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException(where(field) + ": cannot set the board: " + e.getMessage(), e);
        }
    }

    private static String where(Field field) {
        return field.getDeclaringClass().getName() + "." + field.getName();
    }

    private static boolean isStatic(Field field) {
        return Modifier.isStatic(field.getModifiers());
    }

    /** Configuration in code; the same attributes as {@link HilBoard}, with the same defaults. */
    public static final class Builder {
        private String name = "";
        private String link = "";
        private String hardwareMap = "";
        private AccessMode mode = AccessMode.READ_WRITE;
        private boolean freshFlash = true;
        private boolean resetBeforeEach;

        private Builder() { }

        /** A board of {@code boards/*.yaml} (or of the hardware map) by name or id; default {@code sim}. */
        public Builder name(String v) { name = v.strip(); return this; }

        /** A link URL instead of, or overriding, the named board's link. */
        public Builder link(String v) { link = v.strip(); return this; }

        /** A twister hardware map. */
        public Builder hardwareMap(String v) { hardwareMap = v.strip(); return this; }

        /** READ_ONLY sends only commands that cannot change the board. */
        public Builder mode(AccessMode v) { mode = v; return this; }

        /** For {@code sim:} links: a new, erased flash file for the class (default true). */
        public Builder freshFlash(boolean v) { freshFlash = v; return this; }

        /** Reset the board before every test but the first on each boot. */
        public Builder resetBeforeEach(boolean v) { resetBeforeEach = v; return this; }

        public HilBoardExtension build() {
            return new HilBoardExtension(new BoardSpec(name, link, hardwareMap, mode, freshFlash, resetBeforeEach));
        }
    }
}
