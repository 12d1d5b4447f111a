package io.llexthil.campaign.report;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.StepRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The LLEXT heap use over the run as inline SVG, one x position per step: the board as a wide
 * pale band, the twin's prediction as a dark dashed line drawn on top of it (where they agree the
 * dashes run inside the band; a leak is where they part), a red dashed marker at each reset,
 * case names along the axis (thinned out so that they never overlap) and a tooltip on every point.
 * No script, no external asset.
 */
final class HeapChart {
    private static final int W = 960;
    private static final int H = 330;
    private static final int LEFT = 64;
    private static final int RIGHT = 120;
    private static final int TOP = 16;
    private static final int BOTTOM = 120;
    /** Labels closer than this (px along the axis) would overlap at 45 degrees: later ones are left out. */
    private static final double LABEL_SPACING = 15;
    private static final int LABEL_CHARS = 24;
    /** Also in report.css (the legend's samples). */
    private static final String BOARD_COLOUR = "#7fcf97";
    private static final String TWIN_COLOUR = "#1f3f8f";

    private HeapChart() { }

    /** One measured point: its x, the board's and the twin's value (either may be null) and the tooltip. */
    private record Point(int x, Long board, Long twin, String tip) { }

    static String svg(RunResult run) {
        List<Point> points = new ArrayList<>();
        List<Integer> resets = new ArrayList<>();
        List<Object[]> cases = new ArrayList<>(); // x, name
        int x = 0;
        long max = 1;
        for (CaseResult c : run.cases()) {
            cases.add(new Object[] {x, c.name()});
            for (StepRecord s : c.steps()) {
                if (s.reset()) {
                    resets.add(x);
                }
                Long board = s.heapUsed();
                String p = s.predicted().get("heap.used");
                Long twin = p == null ? null : Long.valueOf(p);
                if (board != null || twin != null) {
                    points.add(new Point(x, board, twin, c.name() + ", step " + s.index() + " (" + s.label() + "): board "
                            + (board == null ? "-" : board + " B") + ", twin " + (twin == null ? "-" : twin + " B")));
                    max = Math.max(max, Math.max(board == null ? 0 : board, twin == null ? 0 : twin));
                }
                x++;
            }
        }
        int n = Math.max(1, x - 1);
        double sx = (W - LEFT - RIGHT) / (double) n;
        double sy = (H - TOP - BOTTOM) / (double) max;
        int base = H - BOTTOM;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"heap\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\">\n");
        sb.append("<title>LLEXT heap bytes in use after each step: board and twin</title>\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H).append("\" fill=\"#fafafa\"/>\n");
        for (long tick : new long[] {0, max / 2, max}) {
            double ty = base - tick * sy;
            line(sb, LEFT, ty, W - RIGHT, ty, "#e0e0e0", null, 1);
            sb.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(ty + 4)).append("\" font-size=\"11\" text-anchor=\"end\">")
                    .append(tick).append(" B</text>\n");
        }
        line(sb, LEFT, base, W - RIGHT, base, "#444", null, 1);
        line(sb, LEFT, TOP, LEFT, base, "#444", null, 1);
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (Object[] c : cases) {
            double cx = LEFT + (int) c[0] * sx;
            line(sb, cx, base, cx, base + 5, "#888", null, 1);
            if (cx - lastLabel < LABEL_SPACING) {
                continue; // its tick stays; the name is in the tooltips and the tables
            }
            lastLabel = cx;
            String name = (String) c[1];
            String shown = name.length() > LABEL_CHARS ? name.substring(0, LABEL_CHARS - 1) + "…" : name;
            sb.append("<text class=\"case-label\" x=\"").append(f(cx)).append("\" y=\"").append(base + 14)
                    .append("\" font-size=\"11\" transform=\"rotate(45 ").append(f(cx)).append(' ').append(base + 14)
                    .append(")\"><title>").append(Xml.esc(name)).append("</title>").append(Xml.esc(shown)).append("</text>\n");
        }
        for (int r : resets) {
            double rx = LEFT + r * sx;
            line(sb, rx, TOP, rx, base, "#c0392b", "3,3", 1);
        }
        polyline(sb, points, true, sx, sy, base, BOARD_COLOUR, null, 7);
        polyline(sb, points, false, sx, sy, base, TWIN_COLOUR, "6,4", 2);
        for (Point p : points) {
            Long v = p.board() != null ? p.board() : p.twin();
            sb.append("<circle class=\"pt\" cx=\"").append(f(LEFT + p.x() * sx)).append("\" cy=\"").append(f(base - v * sy))
                    .append("\" r=\"4\" fill=\"").append(p.board() != null ? BOARD_COLOUR : TWIN_COLOUR)
                    .append("\" fill-opacity=\"0.9\"><title>").append(Xml.esc(p.tip())).append("</title></circle>\n");
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void polyline(StringBuilder sb, List<Point> pts, boolean board, double sx, double sy, int base,
                                 String colour, String dash, int width) {
        StringBuilder coords = new StringBuilder();
        for (Point p : pts) {
            Long v = board ? p.board() : p.twin();
            if (v != null) {
                coords.append(f(LEFT + p.x() * sx)).append(',').append(f(base - v * sy)).append(' ');
            }
        }
        if (coords.length() == 0) {
            return;
        }
        sb.append("<polyline class=\"").append(board ? "board" : "twin").append("\" fill=\"none\" stroke=\"").append(colour)
                .append("\" stroke-width=\"").append(width).append("\" stroke-linejoin=\"round\"");
        if (dash != null) {
            sb.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        sb.append(" points=\"").append(coords.toString().strip()).append("\"/>\n");
    }

    private static void line(StringBuilder sb, double x1, double y1, double x2, double y2, String colour, String dash,
                             int width) {
        sb.append("<line x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1)).append("\" x2=\"").append(f(x2))
                .append("\" y2=\"").append(f(y2)).append("\" stroke=\"").append(colour).append("\" stroke-width=\"")
                .append(width).append('"');
        if (dash != null) {
            sb.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        sb.append("/>\n");
    }

    /** The legend under the chart, with a sample of each line (drawn by CSS: the page has one SVG, the chart). */
    static String legend() {
        return "<p class=\"legend\"><span class=\"key board\"></span> board (measured) &#160; <span class=\"key twin\"></span>"
                + " twin (predicted) &#160; <span class=\"key reset\"></span> reset. Point at a dot for its step and values;"
                + " where the dashes leave the band, board and twin disagree.</p>\n";
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
